// The provider conformance suite: the same TSPI scenarios against the sim provider and
// against the csta provider talking to pbx-sim over loopback, with the exact LINE_CALLSTATE
// sequence on every party's line.
#include <gtest/gtest.h>

#include "backends.h"
#include "provider_harness.h"

namespace acd::tsp::test {
namespace {

using States = std::vector<DWORD>;
constexpr DWORD IDLE = LINECALLSTATE_IDLE;
constexpr DWORD OFFERING = LINECALLSTATE_OFFERING;
constexpr DWORD DIALTONE = LINECALLSTATE_DIALTONE;
constexpr DWORD RINGBACK = LINECALLSTATE_RINGBACK;
constexpr DWORD CONNECTED = LINECALLSTATE_CONNECTED;
constexpr DWORD PROCEEDING = LINECALLSTATE_PROCEEDING;
constexpr DWORD ONHOLD = LINECALLSTATE_ONHOLD;
constexpr DWORD CONFERENCED = LINECALLSTATE_CONFERENCED;
constexpr DWORD PENDTRANSFER = LINECALLSTATE_ONHOLDPENDTRANSFER;
constexpr DWORD DISCONNECTED = LINECALLSTATE_DISCONNECTED;

const std::string A = "100";
const std::string B = "101";
const std::string C = "102";
const std::string R = "9000";

class ProviderConformance : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        m_backend = GetParam() == "sim" ? makeSimBackend() : makeCstaBackend();
        std::string error;
        ASSERT_TRUE(h.load(m_backend->providerPath(), m_backend->config(), error)) << error;
        for (const auto &dn : {A, B, C, R})
            ASSERT_TRUE(h.openLine(dn)) << "line " << dn;
    }

    void TearDown() override {
        EXPECT_TRUE(h.duplicateCompletions().empty());
        h.unload();
    }

    /// A calls B and B answers; returns both calls.
    void connectAtoB(uintptr_t &a, uintptr_t &b) {
        ASSERT_EQ(h.completed(h.makeCall(A, B, a)), 0);
        b = h.waitNewCall(B);
        ASSERT_TRUE(h.waitState(b, OFFERING));
        ASSERT_EQ(h.completed(h.answer(b)), 0);
        ASSERT_TRUE(h.waitState(a, CONNECTED));
        ASSERT_TRUE(h.waitState(b, CONNECTED));
    }

    std::unique_ptr<Backend> m_backend;
    ProviderHarness h;
};

TEST_P(ProviderConformance, MakeAnswerAndDropGiveTheExactStateSequencesOnBothLines) {
    uintptr_t a = 0, b = 0;
    connectAtoB(a, b);
    ASSERT_EQ(h.completed(h.drop(a)), 0);
    ASSERT_TRUE(h.waitState(a, IDLE));
    ASSERT_TRUE(h.waitState(b, IDLE));
    EXPECT_EQ(h.states(a), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, IDLE}));
    EXPECT_EQ(h.states(b), (States{OFFERING, CONNECTED, DISCONNECTED, IDLE}));
    EXPECT_EQ(h.newCalls(A).size(), 0u);
    EXPECT_EQ(h.newCalls(B).size(), 1u);
}

TEST_P(ProviderConformance, HoldAndUnholdChangeOnlyTheHoldingLine) {
    uintptr_t a = 0, b = 0;
    connectAtoB(a, b);
    ASSERT_EQ(h.completed(h.hold(b)), 0);
    ASSERT_TRUE(h.waitState(b, ONHOLD));
    ASSERT_EQ(h.completed(h.unhold(b)), 0);
    ASSERT_TRUE(h.waitState(b, CONNECTED));
    ASSERT_EQ(h.completed(h.drop(b)), 0);
    ASSERT_TRUE(h.waitState(a, IDLE));
    EXPECT_EQ(h.states(a), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, DISCONNECTED, IDLE}));
    EXPECT_EQ(h.states(b), (States{OFFERING, CONNECTED, ONHOLD, CONNECTED, IDLE}));
}

TEST_P(ProviderConformance, BlindTransferMovesTheCallerToTheNewDestination) {
    uintptr_t a = 0, b = 0;
    connectAtoB(a, b);
    ASSERT_EQ(h.completed(h.blindTransfer(b, C)), 0);
    uintptr_t c = h.waitNewCall(C);
    ASSERT_TRUE(h.waitState(c, OFFERING));
    ASSERT_TRUE(h.waitState(b, IDLE));
    ASSERT_TRUE(h.waitState(a, RINGBACK));
    ASSERT_TRUE(h.waitCallInfo(a));
    ASSERT_EQ(h.completed(h.answer(c)), 0);
    ASSERT_TRUE(h.waitState(a, CONNECTED));
    ASSERT_EQ(h.completed(h.drop(c)), 0);
    ASSERT_TRUE(h.waitState(a, IDLE));
    EXPECT_EQ(h.states(a), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, RINGBACK, CONNECTED,
                                   DISCONNECTED, IDLE}));
    EXPECT_EQ(h.states(b), (States{OFFERING, CONNECTED, IDLE}));
    EXPECT_EQ(h.states(c), (States{OFFERING, CONNECTED, IDLE}));
}

TEST_P(ProviderConformance, ConsultationTransferHandsTheCallerToTheConsultedParty) {
    uintptr_t a = 0, b = 0, consult = 0, unused = 0;
    connectAtoB(a, b);
    ASSERT_EQ(h.completed(h.setupTransfer(b, consult)), 0);
    ASSERT_TRUE(h.waitState(consult, DIALTONE));
    ASSERT_EQ(h.completed(h.dial(consult, C)), 0);
    uintptr_t c = h.waitNewCall(C);
    ASSERT_TRUE(h.waitState(c, OFFERING));
    ASSERT_TRUE(h.waitState(consult, RINGBACK));
    ASSERT_EQ(h.completed(h.answer(c)), 0);
    ASSERT_TRUE(h.waitState(consult, CONNECTED));
    ASSERT_EQ(h.completed(h.completeTransfer(b, consult, LINETRANSFERMODE_TRANSFER, unused)), 0);
    ASSERT_TRUE(h.waitState(b, IDLE));
    ASSERT_TRUE(h.waitState(consult, IDLE));
    ASSERT_TRUE(h.waitCallInfo(a)); // the switch's call ID changed
    ASSERT_TRUE(h.waitCallInfo(c));
    ASSERT_EQ(h.completed(h.drop(a)), 0);
    ASSERT_TRUE(h.waitState(c, IDLE));
    EXPECT_EQ(h.states(a), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, IDLE}));
    EXPECT_EQ(h.states(b), (States{OFFERING, CONNECTED, PENDTRANSFER, IDLE}));
    EXPECT_EQ(h.states(consult), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, IDLE}));
    EXPECT_EQ(h.states(c), (States{OFFERING, CONNECTED, DISCONNECTED, IDLE}));
}

TEST_P(ProviderConformance, ConferenceJoinsThreePartiesAndSurvivesTheConferencingPartyLeaving) {
    uintptr_t a = 0, b = 0, consult = 0, conf = 0;
    connectAtoB(a, b);
    ASSERT_EQ(h.completed(h.setupTransfer(b, consult)), 0);
    ASSERT_EQ(h.completed(h.dial(consult, C)), 0);
    uintptr_t c = h.waitNewCall(C);
    ASSERT_TRUE(h.waitState(c, OFFERING));
    ASSERT_EQ(h.completed(h.answer(c)), 0);
    ASSERT_TRUE(h.waitState(consult, CONNECTED));
    ASSERT_EQ(h.completed(h.completeTransfer(b, consult, LINETRANSFERMODE_CONFERENCE, conf)), 0);
    ASSERT_TRUE(h.waitState(consult, CONFERENCED));
    EXPECT_EQ(h.lastMode(consult), conf);
    ASSERT_TRUE(h.waitCallInfo(a));
    ASSERT_TRUE(h.waitCallInfo(c));
    ASSERT_EQ(h.completed(h.drop(conf)), 0);
    ASSERT_TRUE(h.waitState(conf, IDLE));
    ASSERT_EQ(h.completed(h.drop(a)), 0);
    ASSERT_TRUE(h.waitState(c, IDLE));
    EXPECT_EQ(h.states(a), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, IDLE}));
    EXPECT_EQ(h.states(b), (States{OFFERING, CONNECTED, PENDTRANSFER, CONFERENCED, IDLE}));
    EXPECT_EQ(h.states(consult),
              (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, CONFERENCED, IDLE}));
    EXPECT_EQ(h.states(conf), (States{CONNECTED, IDLE}));
    EXPECT_EQ(h.states(c), (States{OFFERING, CONNECTED, DISCONNECTED, IDLE}));
}

TEST_P(ProviderConformance, RedirectFromARoutePointOffersTheCallToTheAgentStation) {
    uintptr_t a = 0;
    ASSERT_EQ(h.completed(h.makeCall(A, R, a)), 0);
    uintptr_t r = h.waitNewCall(R);
    ASSERT_TRUE(h.waitState(r, OFFERING));
    ASSERT_EQ(h.completed(h.redirect(r, B)), 0);
    uintptr_t b = h.waitNewCall(B);
    ASSERT_TRUE(h.waitState(b, OFFERING));
    ASSERT_TRUE(h.waitState(r, IDLE));
    ASSERT_EQ(h.completed(h.answer(b)), 0);
    ASSERT_TRUE(h.waitState(a, CONNECTED));
    ASSERT_EQ(h.completed(h.drop(b)), 0);
    ASSERT_TRUE(h.waitState(a, IDLE));
    EXPECT_EQ(h.states(a), (States{DIALTONE, PROCEEDING, RINGBACK, CONNECTED, DISCONNECTED, IDLE}));
    EXPECT_EQ(h.states(r), (States{OFFERING, IDLE}));
    EXPECT_EQ(h.states(b), (States{OFFERING, CONNECTED, IDLE}));
}

TEST_P(ProviderConformance, CallInfoOfARedirectedCallNamesCallerAndReason) {
    uintptr_t a = 0;
    ASSERT_EQ(h.completed(h.makeCall(A, R, a)), 0);
    uintptr_t r = h.waitNewCall(R);
    ASSERT_TRUE(h.waitState(r, OFFERING));
    ASSERT_EQ(h.completed(h.redirect(r, B)), 0);
    uintptr_t b = h.waitNewCall(B);
    alignas(8) char buffer[2048] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    ASSERT_EQ(h.tspi().lineGetCallInfo(h.hdCall(b), info), 0);
    EXPECT_EQ(info->dwReason, static_cast<DWORD>(LINECALLREASON_REDIRECT));
    EXPECT_EQ(info->dwOrigin, static_cast<DWORD>(LINECALLORIGIN_INTERNAL));
    ASSERT_GT(info->dwCallerIDSize, 0u);
    EXPECT_STREQ(buffer + info->dwCallerIDOffset, "100");
    EXPECT_EQ(info->dwLineDeviceID, h.deviceId(B));
}

TEST_P(ProviderConformance, AnsweringAConnectedCallFailsSynchronouslyWithInvalCallState) {
    uintptr_t a = 0, b = 0;
    connectAtoB(a, b);
    EXPECT_EQ(h.answer(b), LINEERR_INVALCALLSTATE);
}

TEST_P(ProviderConformance, MakeCallToANonDialableAddressFailsSynchronously) {
    uintptr_t a = 0;
    EXPECT_EQ(h.makeCall(A, "12ab", a), LINEERR_INVALADDRESS);
}

TEST_P(ProviderConformance, RedirectToAPartyOfTheCallCompletesOnceWithInvalAddress) {
    uintptr_t a = 0;
    ASSERT_EQ(h.completed(h.makeCall(A, R, a)), 0);
    uintptr_t r = h.waitNewCall(R);
    ASSERT_TRUE(h.waitState(r, OFFERING));
    EXPECT_EQ(h.completed(h.redirect(r, A)), LINEERR_INVALADDRESS);
    EXPECT_EQ(h.states(r), (States{OFFERING}));
}

TEST_P(ProviderConformance, AgentStateIsSetAndReadThroughDevSpecific) {
    TSPIAGENTREQUEST set{};
    set.dwCommand = TSPIDEVSPECIFIC_SETAGENTSTATE;
    set.dwAgentState = TSPIAGENTSTATE_READY;
    std::snprintf(set.szAgentID, sizeof set.szAgentID, "%s", "4711");
    ASSERT_EQ(h.completed(h.devSpecific(B, set)), 0);
    EXPECT_TRUE(h.waitFor([&] {
        auto e = h.lineEvents(B, LINE_DEVSPECIFIC);
        return !e.empty() && e.back() == TSPIDEVSPECIFIC_AGENTSTATE;
    }));
    TSPIAGENTREQUEST get{};
    get.dwCommand = TSPIDEVSPECIFIC_GETAGENTSTATE;
    ASSERT_EQ(h.completed(h.devSpecific(B, get)), 0);
    EXPECT_EQ(get.dwAgentState, static_cast<DWORD>(TSPIAGENTSTATE_READY));
}

TEST_P(ProviderConformance, OpeningALineAnnouncesTheCallsAlreadyOnIt) {
    h.closeLine(C);
    uintptr_t a = 0;
    ASSERT_EQ(h.completed(h.makeCall(A, C, a)), 0);
    ASSERT_TRUE(h.waitState(a, RINGBACK));
    ASSERT_TRUE(h.openLine(C));
    uintptr_t c = h.waitNewCall(C);
    ASSERT_TRUE(h.waitState(c, OFFERING));
    EXPECT_EQ(h.states(c), (States{OFFERING}));
}

TEST_P(ProviderConformance, DevCapsNameTheLineAndItsAddress) {
    alignas(8) char buffer[1024] = {};
    auto *caps = reinterpret_cast<LINEDEVCAPS *>(buffer);
    caps->dwTotalSize = sizeof buffer;
    DWORD id = h.deviceId(R);
    ASSERT_EQ(h.tspi().lineGetDevCaps(id, TAPI_VERSION2_2, 0, caps), 0);
    ASSERT_GT(caps->dwLineNameSize, 0u);
    EXPECT_STREQ(buffer + caps->dwLineNameOffset, "Route point 9000");
    EXPECT_EQ(caps->dwNumAddresses, 1u);
    EXPECT_EQ(caps->dwNeededSize, caps->dwUsedSize);
}

TEST_P(ProviderConformance, DevCapsTooSmallForTheFixedPartReportsTheNeededSize) {
    LINEDEVCAPS caps{};
    caps.dwTotalSize = 16;
    EXPECT_EQ(h.tspi().lineGetDevCaps(h.deviceId(A), TAPI_VERSION2_2, 0, &caps),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(caps.dwNeededSize, static_cast<DWORD>(offsetof(LINEDEVCAPS, dwAddressTypes)));
}

INSTANTIATE_TEST_SUITE_P(Providers, ProviderConformance, ::testing::Values("sim", "csta"),
                         [](const ::testing::TestParamInfo<std::string> &p) { return p.param; });

} // namespace
} // namespace acd::tsp::test
