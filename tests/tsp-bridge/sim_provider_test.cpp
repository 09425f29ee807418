// The sim provider's own features: configuration errors and simulated agents on the wall
// clock (short delays, waited for with bounded conditions).
#include <gtest/gtest.h>

#include "provider_harness.h"

namespace acd::tsp::test {
namespace {

using States = std::vector<DWORD>;

TEST(SimProvider, ASimulatedAgentAnswersAfterTheRingDelayAndHangsUpAfterTheTalkTime) {
    ProviderHarness h;
    std::string error;
    ASSERT_TRUE(h.load(TSP_SIM_PATH,
                       "stations=100-101;routepoints=9000-9000;agents=101;ring_delay_ms=20;"
                       "talk_s=0.05;talk=fixed",
                       error))
        << error;
    ASSERT_TRUE(h.openLine("100"));
    uintptr_t a = 0;
    LONG request = h.makeCall("100", "101", a);
    ASSERT_GT(request, 0);
    ASSERT_TRUE(h.waitState(a, LINECALLSTATE_IDLE));
    EXPECT_EQ(h.states(a),
              (States{LINECALLSTATE_DIALTONE, LINECALLSTATE_PROCEEDING, LINECALLSTATE_RINGBACK,
                      LINECALLSTATE_CONNECTED, LINECALLSTATE_DISCONNECTED, LINECALLSTATE_IDLE}));
}

TEST(SimProvider, AnUnknownConfigurationKeyIsRejected) {
    ProviderHarness h;
    std::string error;
    EXPECT_FALSE(h.load(TSP_SIM_PATH, "stations=100-101;colour=blue", error));
    EXPECT_NE(error.find("TSPI_providerEnumDevices failed (0x8000000E)"), std::string::npos)
        << error;
}

TEST(SimProvider, ALinesListRestrictsTheLinesAndKeepsRoutePointsApart) {
    ProviderHarness h;
    std::string error;
    ASSERT_TRUE(
        h.load(TSP_SIM_PATH, "stations=100-109;routepoints=9000-9001;lines=105,9001", error))
        << error;
    EXPECT_EQ(h.provider().numLines, 2u);
    alignas(8) char buffer[1024] = {};
    auto *caps = reinterpret_cast<LINEADDRESSCAPS *>(buffer);
    caps->dwTotalSize = sizeof buffer;
    ASSERT_EQ(h.tspi().lineGetAddressCaps(1, 0, TAPI_VERSION2_2, 0, caps), 0);
    EXPECT_STREQ(buffer + caps->dwAddressOffset, "9001");
    EXPECT_NE(caps->dwAddrCapFlags & LINEADDRCAPFLAGS_ROUTEPOINT, 0u);
}

} // namespace
} // namespace acd::tsp::test
