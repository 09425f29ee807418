#include "demo.h"

#include "acd/tapi/host.h"
#include "core/engine.h"
#include "db/secret_hash.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>

namespace acd::server {
namespace {

// Demo secrets are public; a cheap PBKDF2 count keeps start-up fast.
constexpr int kDemoIterations = 1000;

struct SimulatedAgent {
    core::AgentId agent;
    std::vector<core::GroupId> groups;
    const char *station;
};

const SimulatedAgent kSimulated[] = {
    {1003, {1}, "110"}, {1004, {2}, "111"}, {1005, {1, 2}, "112"}, {1006, {1, 2}, "113"}};

} // namespace

ServiceConfig demoServiceConfig()
{
    ServiceConfig c;
    c.demo = true;
    c.listenHost = "127.0.0.1";
    c.listenPort = 7400;
    c.database = (std::filesystem::temp_directory_path()
                  / ("acd-engine-demo-" + std::to_string(getpid()) + ".db"))
                     .string();
    tsp::ProviderSpec sim = tapi::Host::demoProvider();
    c.providers.push_back(
        {"sim", sim.path,
         sim.config
             + ";calls_per_hour=50;patience_s=120;agents=110-113;ring_delay_ms=3000;talk_s=90"});
    return c;
}

db::ConfigSet demoContactCenter()
{
    db::ConfigSet config = tapi::Host::demoConfig();
    for (const DemoLogin &login : demoLogins()) {
        db::UserConfig u;
        u.name = login.user;
        u.passwordHash = db::hashSecret(login.password, kDemoIterations);
        u.role = login.role == "admin"        ? db::Role::Admin
                 : login.role == "supervisor" ? db::Role::Supervisor
                                              : db::Role::Agent;
        if (login.user == "alice")
            u.agent = 1001;
        if (login.user == "bob")
            u.agent = 1002;
        config.users.push_back(u);
    }
    return config;
}

std::vector<DemoLogin> demoLogins()
{
    return {{"admin", "admin-demo", "admin", "configuration, everything"},
            {"carol", "carol-demo", "supervisor", "queues, agents, forced states"},
            {"alice", "alice-demo", "agent", "agent 1001 (PIN 1234), e.g. at station 100"},
            {"bob", "bob-demo", "agent", "agent 1002 (PIN 1234), e.g. at station 101"}};
}

void loginDemoAgents(tapi::Host &host)
{
    core::Engine &engine = host.engine();
    core::TimeMs now = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    for (const SimulatedAgent &a : kSimulated) {
        for (core::GroupId g : a.groups) {
            auto session = engine.createSession(a.agent, g, a.station, now);
            if (session)
                engine.setSessionState(session.value(), core::SessionState::Ready,
                                       core::SessionState::Ready, now);
        }
        engine.setAgentState(a.agent, core::AgentStateEx::Ready, core::AgentStateEx::Ready, 0,
                             now);
    }
}

} // namespace acd::server
