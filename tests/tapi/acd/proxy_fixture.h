#pragma once
// The built-in ACD proxy over the real sim provider, a real TAPI server and a real core, with
// the test thread as the engine thread and a virtual clock. After each client call, settle()
// runs what the host does: server posts, proxy.processMessages(), engine effects ->
// proxy.onEffects(), until nothing is left.
#include "acd/tapi/acd_proxy.h"
#include "acd/tapi/call_router.h"
#include "acd/tapi/values.h"
#include "acd/tsp/provider_loader.h"
#include "db/config_set.h"
#include "recording_sink.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace acd::tapi::acdtest {

using test::RecordingSink;

/// A UTF-8 string field of a structure (size includes the NUL; "" when 0/0).
std::string text(const void *structure, DWORD size, DWORD offset);
/// A UTF-16 string field of a structure.
std::u16string text16(const void *structure, DWORD size, DWORD offset);
/// LINEAGENTGROUPLIST with the given group GUIDs (no names).
std::vector<char> groupList(const std::vector<GUID> &groups);

/// One message's parameters, for exact comparisons.
struct Msg {
    DWORD id, p1, p2, p3;
    friend bool operator==(const Msg &, const Msg &) = default;
};
std::ostream &operator<<(std::ostream &os, const Msg &m);
/// The call-center status messages a sink got (LINE_AGENTSTATUS, _AGENTSTATUSEX,
/// _AGENTSESSIONSTATUS, _QUEUESTATUS), in order.
std::vector<Msg> statusMessages(const RecordingSink &sink);
/// What the first agent's first login (hAgent 0x1000, session 0x2000) sends to an application
/// on the agent's station line, and to one on another station's line.
std::vector<Msg> firstLoginAtTheStation();
std::vector<Msg> firstLoginElsewhere();

class ProxyFixture : public ::testing::Test {
protected:
    static constexpr ClientId kClient = 1;
    static constexpr core::TimeMs kStart = 1'700'000'000'000; // 2023-11-14 22:13:20 UTC

    void SetUp() override;
    void TearDown() override;

    /// Runs the host loop until quiet (bounded).
    void settle();
    /// Settles, then the request's LINE_REPLY result (1 when none came, or the negative
    /// synchronous error when `requestId` <= 0).
    LONG result(LONG requestId);
    void advance(core::TimeMs ms);

    struct App {
        ClientId client = kClient;
        HLINEAPP handle = 0;
        std::shared_ptr<RecordingSink> sink = std::make_shared<RecordingSink>();
    };
    App initApp(const char *name, ClientId client = kClient);
    HLINE open(const App &app, const std::string &address);
    DWORD device(const std::string &address) const { return server->deviceByAddress(address); }

    /// lineCreateAgent on the desk line; the handle (0 when it failed).
    HAGENT createAgent(const char *id = "1001", const char *pin = "1234");
    /// lineCreateAgentSession on the desk line; the handle (0 when it failed).
    HAGENTSESSION createSession(HAGENT agent, const GUID &group, const char *pin = "1234");
    GUID group(std::size_t index) const { return toGuid(config.groups.at(index).guid); }

    std::unique_ptr<tsp::ProviderLoader> loader;
    std::unique_ptr<Server> server;
    db::ConfigSet config;
    std::unique_ptr<core::Engine> engine;
    core::TimeMs nowMs = kStart;
    std::unique_ptr<AcdContext> context;
    std::unique_ptr<AcdProxy> proxy;
    /// Set before SetUp: the desk's client is station-scoped (an agent user's desktop).
    bool deskStationScoped = false;
    /// Set before SetUp: the call router runs too (route point 9000 feeds queue 10), as in
    /// the host: its messages and the core's effects are part of settle().
    bool withRouter = false;
    /// Set before SetUp: the provider library (the sim provider by default).
    std::string providerPath = TSP_SIM_PATH;
    std::unique_ptr<CallRouter> router;
    App desk; ///< the agent desktop on station "100"
    HLINE deskLine = 0;

private:
    void pump();
    std::mutex m_mutex;
    std::condition_variable m_posted;
    std::deque<std::function<void()>> m_queue;
};

} // namespace acd::tapi::acdtest
