// The inbound ACD path end to end through the csta provider and pbx-sim: pbx-sim's traffic
// generator offers an external call at a route point, the "engine" (this test) redirects it
// to an agent station, pbx-sim's simulated agent answers and hangs up. Bounded waits only.
#include <gtest/gtest.h>

#include <cstring>

#include "backends.h"
#include "provider_harness.h"

namespace acd::tsp::test {
namespace {

using States = std::vector<DWORD>;

TEST(InboundAcd, ATrafficCallAtARoutePointIsRedirectedToAnAgentWhoAnswersAndHangsUp) {
    PbxSimProcess pbx(0, "--calls-per-hour 36000 --patience-s 30 --agents 101-101 "
                         "--ring-delay-ms 20 --talk-s 0.1 --talk fixed");
    ASSERT_TRUE(pbx.running());
    ProviderHarness h;
    std::string error;
    ASSERT_TRUE(h.load(TSP_CSTA_PATH,
                       "host=127.0.0.1;port=" + std::to_string(pbx.port()) + ";stations=101"
                           + ";routepoints=9000",
                       error))
        << error;
    ASSERT_TRUE(h.openLine("9000"));
    ASSERT_TRUE(h.openLine("101"));

    // Traffic runs from pbx-sim's start, so a call may already sit at the route point when the
    // monitor starts: the provider finds it by snapshot and cannot know its origin (UNKNOWN).
    // The first call that arrives while the line is monitored is the one under test.
    uintptr_t queued = 0;
    alignas(8) char buffer[1024] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    for (std::size_t index = 0; index < 5 && queued == 0; ++index) {
        uintptr_t call = h.waitNewCall("9000", index);
        ASSERT_NE(call, 0u);
        ASSERT_TRUE(h.waitState(call, LINECALLSTATE_OFFERING));
        std::memset(buffer, 0, sizeof buffer);
        info->dwTotalSize = sizeof buffer;
        ASSERT_EQ(h.tspi().lineGetCallInfo(h.hdCall(call), info), 0);
        if (info->dwOrigin != static_cast<DWORD>(LINECALLORIGIN_UNKNOWN))
            queued = call;
    }
    ASSERT_NE(queued, 0u);
    EXPECT_EQ(info->dwOrigin, static_cast<DWORD>(LINECALLORIGIN_EXTERNAL));
    ASSERT_GT(info->dwCallerIDSize, 0u);
    EXPECT_EQ(std::string(buffer + info->dwCallerIDOffset).rfind("0170", 0), 0u);

    ASSERT_EQ(h.completed(h.redirect(queued, "101")), 0);
    uintptr_t agent = h.waitNewCall("101");
    ASSERT_NE(agent, 0u);
    ASSERT_TRUE(h.waitState(agent, LINECALLSTATE_IDLE));
    EXPECT_EQ(h.states(queued), (States{LINECALLSTATE_OFFERING, LINECALLSTATE_IDLE}));
    EXPECT_EQ(h.states(agent), (States{LINECALLSTATE_OFFERING, LINECALLSTATE_CONNECTED,
                                       LINECALLSTATE_DISCONNECTED, LINECALLSTATE_IDLE}));
    EXPECT_TRUE(h.duplicateCompletions().empty());
}

} // namespace
} // namespace acd::tsp::test
