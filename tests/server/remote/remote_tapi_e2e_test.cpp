// Remote TAPI end to end: pbx-sim (CSTA on a loopback ephemeral port) behind the csta
// provider of a real acd-engine; agent programs in other processes (remote_agent, plain
// tapi.h + libtapi) log in, take the call the ACD routes from the route point, transfer it,
// log out; this test process is a remote TAPI program too (the customer, a desk), and reads
// the engine's statistics over the protocol. The same assertions as tests/tapi/e2e, plus the
// engine going away under a waiting application. Bounded waits only.
#include "backends.h"
#include "engine_process.h"
#include "protocol_client.h"
#include "tapi_app.h"

#include "acd/tapi/in_process.h"
#include "tapi.h"

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <mutex>
#include <thread>

extern char **environ;

namespace acd::server::test {
namespace {

using acd::tapi::test::TapiApp;

const char *const kContactCenter = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "sales-team", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "wrapUpSeconds": 0,
                "ringTimeoutSeconds": 4, "maxWaitSeconds": 0, "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
              { "id": 1002, "name": "Bob", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "routePoints": [ { "address": "9000", "queue": 10 } ],
  "users": [ { "name": "alice", "role": "agent", "password": "s3cret", "agent": 1001 },
             { "name": "bob", "role": "agent", "password": "b0b", "agent": 1002 },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

/// An agent program in its own process; its stdout read line by line with bounded waits.
/// SIGSTOP, then waits (bounded) until the kernel reports the process stopped: kill() returns
/// before every thread of the target has stopped, and on a loaded machine an engine thread
/// could still answer a request sent right after it.
bool stopProcess(int pid)
{
    if (::kill(pid, SIGSTOP) != 0)
        return false;
    for (int i = 0; i < 400; ++i) {
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        const auto paren = text.rfind(')');
        if (paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'T')
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

class AgentProcess {
public:
    AgentProcess(int enginePort, const std::string &user, const std::string &password,
                 std::vector<std::string> args)
        : AgentProcess(
            std::vector<std::string>{"TAPI_SERVER=127.0.0.1:" + std::to_string(enginePort),
                                     "TAPI_USER=" + user, "TAPI_PASSWORD=" + password,
                                     "HOME=/nonexistent"},
            std::move(args))
    {}
    /// With exactly the environment `env` (no TAPI_* unless given).
    AgentProcess(std::vector<std::string> env, std::vector<std::string> args)
    {
        int out[2];
        if (pipe(out) != 0)
            return;
        args.insert(args.begin(), REMOTE_AGENT_PATH);
        std::vector<char *> argv;
        for (auto &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<char *> envp;
        for (auto &e : env)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        pid_t pid = -1;
        int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        if (rc != 0) {
            close(out[0]);
            return;
        }
        m_pid = pid;
        m_fd = out[0];
    }
    ~AgentProcess()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            int status = 0;
            waitpid(m_pid, &status, 0);
        }
        if (m_fd >= 0)
            close(m_fd);
    }
    /// Reads until `line` was printed (true) or the time passed / the output ended.
    bool waitLine(const std::string &line, int timeoutMs = 20000)
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        for (;;) {
            for (const std::string &l : lines)
                if (l == line)
                    return true;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
            if (left <= 0 || m_fd < 0)
                return false;
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left)) <= 0)
                continue;
            char buffer[1024];
            ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n <= 0) {
                close(m_fd);
                m_fd = -1;
                continue;
            }
            m_partial.append(buffer, static_cast<std::size_t>(n));
            std::size_t eol;
            while ((eol = m_partial.find('\n')) != std::string::npos) {
                lines.push_back(m_partial.substr(0, eol));
                m_partial.erase(0, eol + 1);
            }
        }
    }
    /// Waits for the exit (at most `timeoutMs`); the exit status or -1.
    int wait(int timeoutMs = 20000)
    {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (m_pid > 0 && std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            usleep(20000);
        }
        return -1;
    }
    std::string transcript() const
    {
        std::string t;
        for (const std::string &l : lines)
            t += l + "\n";
        return t;
    }
    std::vector<std::string> lines;

private:
    int m_pid = -1;
    int m_fd = -1;
    std::string m_partial;
};

class RemoteTapiE2E : public ::testing::Test {
protected:
    void SetUp() override
    {
        pbx = std::make_unique<tsp::test::PbxSimProcess>();
        ASSERT_TRUE(pbx->running());
        contactCenter = tempPath("cc.json");
        database = tempPath("acd.db");
        conf = tempPath("acd.conf");
        std::ofstream(contactCenter) << kContactCenter;
        writeConfig(0);
        engine = std::make_unique<EngineProcess>(std::vector<std::string>{"--config", conf});
        ASSERT_TRUE(engine->running()) << engine->errors();
        // This process is a remote TAPI program too (the customer, desks).
        setenv("TAPI_SERVER", ("127.0.0.1:" + std::to_string(engine->port())).c_str(), 1);
        setenv("TAPI_USER", "root", 1);
        setenv("TAPI_PASSWORD", "adm1n", 1);
        setenv("HOME", "/nonexistent", 1);
    }
    void TearDown() override
    {
        customer.reset();
        acd::tapi::client::detach(); // the next test binds to its own engine
        engine.reset();
        pbx.reset();
        for (const std::string &p :
             {contactCenter, database, conf, database + "-wal", database + "-shm"})
            std::filesystem::remove(p);
    }
    void writeConfig(int port, const std::string &extra = "")
    {
        std::ofstream(conf) << "[engine]\nlisten = 127.0.0.1:" << port
                            << "\nexternal-proxy-lines = 106"
                            << "\ndatabase = " << database << "\ncontact-center = " << contactCenter
                            << "\n\n[provider csta]\nlibrary = " TSP_CSTA_PATH
                            << "\nconfig = host=127.0.0.1;port=" << pbx->port()
                            << ";stations=100-109;routepoints=9000-9001\n\n[log]\nlevel = warning\n"
                            << extra;
    }

    /// Station 109 calls `number`; the customer's hCall.
    HCALL dial(const char *number)
    {
        if (!customer) {
            customer = std::make_unique<TapiApp>("customer");
            EXPECT_TRUE(customer->ok());
            customerLine = customer->open("109");
            EXPECT_NE(customerLine, 0u);
        }
        HCALL call = 0;
        EXPECT_EQ(customer->reply(lineMakeCallA(customerLine, &call, number, 0, nullptr)), 0);
        return call;
    }

    /// The engine's snapshot (scope `scope`) read by an admin over the protocol.
    Poco::JSON::Object::Ptr snapshot(const std::string &scope)
    {
        ProtocolClient admin(engine->port());
        if (codeOf(admin.request(R"("op":"hello","version":1,"user":"root","password":"adm1n")"))
            != "ok")
            return nullptr;
        auto r = admin.request(R"("op":"snapshot","scope":")" + scope + "\"");
        return codeOf(r) == "ok" ? r->getObject("result") : nullptr;
    }
    /// Waits (bounded) until the engine has no active call.
    bool waitNoActiveCalls()
    {
        for (int i = 0; i < 100; ++i) {
            auto s = snapshot("all");
            if (s && s->getArray("calls") && s->getArray("calls")->size() == 0)
                return true;
            usleep(50000);
        }
        return false;
    }

    struct LocalAgent {
        std::unique_ptr<TapiApp> app;
        HLINE line = 0;
        HAGENT agent = 0;
        HAGENTSESSION session = 0;
    };
    /// An agent program in this process (same calls as remote_agent): logged in to the
    /// sales group at `station` and Ready.
    LocalAgent login(const char *id, const std::string &station)
    {
        LocalAgent a;
        a.app = std::make_unique<TapiApp>(station.c_str());
        EXPECT_TRUE(a.app->ok());
        a.line = a.app->open(station);
        EXPECT_NE(a.line, 0u);
        char pin[] = "1234";
        EXPECT_EQ(a.app->reply(lineCreateAgentA(a.line, const_cast<char *>(id), pin, &a.agent)), 0);
        GUID group{0x6b29fc40, 0xca47, 0x1067, {0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}};
        EXPECT_EQ(
            a.app->reply(lineCreateAgentSessionA(a.line, a.agent, pin, 0, &group, &a.session)), 0);
        EXPECT_EQ(a.app->reply(lineSetAgentStateEx(a.line, a.agent, LINEAGENTSTATEEX_READY, 0)), 0);
        EXPECT_EQ(a.app->reply(
                      lineSetAgentSessionState(a.line, a.session, LINEAGENTSESSIONSTATE_READY, 0)),
                  0);
        return a;
    }
    /// Waits (bounded) until the engine has `n` active calls.
    bool waitActiveCalls(std::size_t n)
    {
        for (int i = 0; i < 100; ++i) {
            auto s = snapshot("all");
            if (s && s->getArray("calls") && s->getArray("calls")->size() == n)
                return true;
            usleep(50000);
        }
        return false;
    }

    std::unique_ptr<tsp::test::PbxSimProcess> pbx;
    std::unique_ptr<EngineProcess> engine;
    std::unique_ptr<TapiApp> customer;
    HLINE customerLine = 0;
    std::string contactCenter, database, conf;
};

TEST_F(RemoteTapiE2E, AnAgentInAnotherProcessLogsInTakesTheRoutedCallAndLogsOut)
{
    AgentProcess alice(engine->port(), "alice", "s3cret", {"1001", "1234", "100"});
    ASSERT_TRUE(alice.waitLine("ready")) << alice.transcript();
    HCALL call = dial("9000");
    ASSERT_NE(call, 0u);
    ASSERT_TRUE(alice.waitLine("answered")) << alice.transcript();
    ASSERT_TRUE(customer->waitState(call, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(customer->reply(lineDrop(call, nullptr, 0)), 0);
    ASSERT_TRUE(alice.waitLine("done")) << alice.transcript();
    EXPECT_EQ(alice.wait(), 0);
    EXPECT_EQ(alice.lines, (std::vector<std::string>{
                               "initialized", "opened station 100", "agent 1001 logged in", "ready",
                               "offered call from 109 in queue sales (route point 9000)",
                               "answered", "call ended", "logged out", "done"}));
    ASSERT_TRUE(waitNoActiveCalls());
    auto s = snapshot("agent:1001");
    ASSERT_TRUE(s);
    auto agent = s->getArray("agents")->getObject(0);
    EXPECT_EQ(agent->getValue<int>("id"), 1001);
    EXPECT_EQ(agent->getValue<std::string>("state"), "released");
    EXPECT_EQ(agent->getObject("period")->getValue<int>("handled"), 1);
    EXPECT_EQ(agent->getObject("period")->getValue<int>("answered"), 1);
    auto q = snapshot("queue:10");
    ASSERT_TRUE(q);
    auto queue = q->getArray("queues")->getObject(0);
    EXPECT_EQ(queue->getObject("period")->getValue<int>("offered"), 1);
    EXPECT_EQ(queue->getObject("period")->getValue<int>("answered"), 1);
    EXPECT_EQ(queue->getObject("period")->getValue<int>("abandoned"), 0);
}

TEST_F(RemoteTapiE2E, TheLongestIdleAgentGetsTheFirstCallAndTheOtherTheSecond)
{
    AgentProcess bob(engine->port(), "bob", "b0b", {"1002", "1234", "101"});
    ASSERT_TRUE(bob.waitLine("ready")) << bob.transcript();
    AgentProcess alice(engine->port(), "alice", "s3cret", {"1001", "1234", "100"});
    ASSERT_TRUE(alice.waitLine("ready")) << alice.transcript();
    HCALL first = dial("9000");
    ASSERT_TRUE(bob.waitLine("answered")) << bob.transcript();
    HCALL second = dial("9000");
    ASSERT_TRUE(alice.waitLine("answered")) << alice.transcript();
    EXPECT_EQ(customer->reply(lineDrop(first, nullptr, 0)), 0);
    EXPECT_EQ(customer->reply(lineDrop(second, nullptr, 0)), 0);
    EXPECT_TRUE(bob.waitLine("done")) << bob.transcript();
    EXPECT_TRUE(alice.waitLine("done")) << alice.transcript();
    EXPECT_EQ(bob.wait(), 0);
    EXPECT_EQ(alice.wait(), 0);
}

TEST_F(RemoteTapiE2E, AnAgentInAnotherProcessTransfersTheCallToADesk)
{
    TapiApp desk("desk 105");
    HLINE deskLine = desk.open("105");
    ASSERT_NE(deskLine, 0u);
    AgentProcess alice(engine->port(), "alice", "s3cret",
                       {"1001", "1234", "100", "--transfer", "105"});
    ASSERT_TRUE(alice.waitLine("ready")) << alice.transcript();
    HCALL call = dial("9000");
    ASSERT_TRUE(alice.waitLine("transferred to 105")) << alice.transcript();
    HCALL atDesk = desk.waitNewCall(deskLine, 10000);
    ASSERT_NE(atDesk, 0u);
    ASSERT_EQ(desk.reply(lineAnswer(atDesk, nullptr, 0)), 0);
    EXPECT_TRUE(customer->waitState(call, LINECALLSTATE_CONNECTED));
    ASSERT_TRUE(alice.waitLine("done")) << alice.transcript();
    EXPECT_EQ(alice.wait(), 0);
    EXPECT_EQ(alice.lines,
              (std::vector<std::string>{
                  "initialized", "opened station 100", "agent 1001 logged in", "ready",
                  "offered call from 109 in queue sales (route point 9000)", "answered",
                  "transferred to 105", "call ended", "logged out", "done"}));
    ASSERT_EQ(customer->reply(lineDrop(call, nullptr, 0)), 0);
    ASSERT_TRUE(waitNoActiveCalls());
    auto s = snapshot("agent:1001");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->getArray("agents")->getObject(0)->getObject("period")->getValue<int>("handled"),
              1);
}

TEST_F(RemoteTapiE2E, AWrongPinIsRefusedAndAnUnknownAgentToo)
{
    TapiApp app("agent");
    ASSERT_TRUE(app.ok());
    HLINE line = app.open("100");
    ASSERT_NE(line, 0u);
    HAGENT agent = 0;
    EXPECT_EQ(app.reply(lineCreateAgentA(line, const_cast<char *>("1001"),
                                         const_cast<char *>("9999"), &agent)),
              LINEERR_INVALPASSWORD);
    EXPECT_EQ(app.reply(lineCreateAgentA(line, const_cast<char *>("4242"),
                                         const_cast<char *>("1234"), &agent)),
              LINEERR_INVALAGENTID);
    EXPECT_EQ(agent, 0u);
}

TEST_F(RemoteTapiE2E, AnAgentUserCannotLogInAnotherAgent)
{
    AgentProcess alice(engine->port(), "alice", "s3cret", {"1002", "1234", "100"});
    EXPECT_EQ(alice.wait(), 1);
    alice.waitLine("never", 100); // read what it printed
    ASSERT_FALSE(alice.lines.empty());
    EXPECT_EQ(alice.lines.back(), "lineCreateAgent failed 0x80000057") << alice.transcript();
}

TEST_F(RemoteTapiE2E, AWrongPasswordFailsInitialize)
{
    AgentProcess mallory(engine->port(), "alice", "wrong", {"1001", "1234", "100"});
    EXPECT_EQ(mallory.wait(), 1);
    mallory.waitLine("never", 100);
    EXPECT_EQ(mallory.lines, (std::vector<std::string>{"lineInitializeEx failed 0x80000048"}));
}

TEST_F(RemoteTapiE2E, AnAgentDesktopLogsInWithTheAgentIdAndPinAsItsUser)
{
    AgentProcess desk(engine->port(), "1002", "1234", {"1002", "1234", "101"});
    ASSERT_TRUE(desk.waitLine("ready")) << desk.transcript();
    EXPECT_EQ(desk.lines, (std::vector<std::string>{"initialized", "opened station 101",
                                                    "agent 1002 logged in", "ready"}));
}

TEST_F(RemoteTapiE2E, TooManyWrongPinsMakeInitializeResourceUnavailable)
{
    // The engine blocks a user for a minute after five failures within a minute.
    for (int i = 0; i < 5; ++i) {
        AgentProcess guess(engine->port(), "1002", "0000", {"1002", "0000", "101"});
        EXPECT_EQ(guess.wait(), 1);
        guess.waitLine("never", 100);
        EXPECT_EQ(guess.lines,
                  (std::vector<std::string>{"lineInitializeEx failed 0x80000048"}));
    }
    AgentProcess right(engine->port(), "1002", "1234", {"1002", "1234", "101"});
    EXPECT_EQ(right.wait(), 1);
    right.waitLine("never", 100);
    EXPECT_EQ(right.lines, (std::vector<std::string>{"lineInitializeEx failed 0x8000004b"}));
}

TEST_F(RemoteTapiE2E, WhenTheEngineDiesAPendingRequestFailsOnceAndTheLineCloses)
{
    TapiApp app("waiter");
    ASSERT_TRUE(app.ok());
    HLINE line = app.open("100");
    ASSERT_NE(line, 0u);
    pbx->freeze(); // the switch stops answering: the request stays pending in the engine
    HCALL call = 0;
    LONG id = lineMakeCallA(line, &call, "101", 0, nullptr);
    ASSERT_GT(id, 0); // the engine has it (the response came): now it dies
    engine.reset();   // SIGKILL: no goodbye on the socket
    EXPECT_EQ(app.reply(id, 5000), LINEERR_OPERATIONFAILED);
    const LINEMESSAGE *closed = app.waitFor(
        [&](const LINEMESSAGE &m) { return m.dwMessageID == LINE_CLOSE && m.hDevice == line; });
    EXPECT_NE(closed, nullptr);
    app.waitFor([](const LINEMESSAGE &) { return false; }, 300);
    int replies = 0;
    for (const LINEMESSAGE &m : app.messages())
        if (m.dwMessageID == LINE_REPLY && m.dwParam1 == static_cast<DWORD_PTR>(id))
            ++replies;
    EXPECT_EQ(replies, 1);
    EXPECT_EQ(call, 0u);
    // Calls on the lost connection fail; a new lineInitializeEx reconnects (no engine: NODRIVER).
    EXPECT_EQ(lineClose(line), LINEERR_OPERATIONFAILED);
    HLINEAPP again = 0;
    DWORD devs = 0, version = TAPI_VERSION2_2;
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    EXPECT_EQ(lineInitializeExA(&again, nullptr, nullptr, "again", &devs, &version, &params),
              LINEERR_NODRIVER);
}

TEST_F(RemoteTapiE2E, AfterTheEngineRestartsLineInitializeExReconnects)
{
    const int port = engine->port();
    TapiApp first("first");
    ASSERT_TRUE(first.ok());
    HLINE line = first.open("100");
    ASSERT_NE(line, 0u);
    engine.reset(); // SIGKILL
    EXPECT_NE(first.waitFor([&](const LINEMESSAGE &m) {
        return m.dwMessageID == LINE_CLOSE && m.hDevice == line;
    }),
              nullptr);
    pbx = std::make_unique<tsp::test::PbxSimProcess>();
    ASSERT_TRUE(pbx->running());
    writeConfig(port);
    engine = std::make_unique<EngineProcess>(std::vector<std::string>{"--config", conf});
    ASSERT_TRUE(engine->running()) << engine->errors();
    ASSERT_EQ(engine->port(), port);
    TapiApp second("second");
    ASSERT_TRUE(second.ok());
    EXPECT_NE(second.open("100"), 0u);
}

TEST_F(RemoteTapiE2E, AnAnsweredHeldAndCompletedCallIsCountedExactlyAsTheEngineCountsIt)
{
    LocalAgent alice = login("1001", "100");
    HCALL customerCall = dial("9000");
    HCALL call = alice.app->waitNewCall(alice.line, 10000);
    ASSERT_NE(call, 0u);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_OFFERING));
    alignas(8) char buffer[4096] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    ASSERT_EQ(lineGetCallInfoA(call, info), 0);
    EXPECT_EQ(info->dwTotalSize, sizeof buffer);
    ASSERT_GT(info->dwCallerIDSize, 0u);
    EXPECT_STREQ(buffer + info->dwCallerIDOffset, "109");
    ASSERT_EQ(info->dwCallDataSize, sizeof(ACDCALLDATA));
    ACDCALLDATA data;
    std::memcpy(&data, buffer + info->dwCallDataOffset, sizeof data);
    EXPECT_EQ(data.dwQueueID, 10u);
    EXPECT_STREQ(data.szQueueName, "sales");
    EXPECT_STREQ(data.szRoutePoint, "9000");
    ASSERT_EQ(alice.app->reply(lineAnswer(call, nullptr, 0)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(alice.app->reply(lineHold(call)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_ONHOLD));
    ASSERT_EQ(alice.app->reply(lineUnhold(call)), 0);
    ASSERT_EQ(customer->reply(lineDrop(customerCall, nullptr, 0)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_IDLE));
    ASSERT_TRUE(waitNoActiveCalls());

    alignas(8) char qbuf[256] = {};
    auto *queue = reinterpret_cast<LINEQUEUEINFO *>(qbuf);
    queue->dwTotalSize = sizeof qbuf;
    ASSERT_EQ(alice.app->reply(lineGetQueueInfo(alice.line, 10, queue)), 0);
    EXPECT_EQ(queue->dwTotalSize, sizeof qbuf);
    EXPECT_EQ(queue->dwUsedSize, sizeof(LINEQUEUEINFO));
    auto q = snapshot("queue:10");
    ASSERT_TRUE(q);
    auto period = q->getArray("queues")->getObject(0)->getObject("period");
    EXPECT_EQ(queue->dwTotalCallsQueued, period->getValue<DWORD>("offered"));
    EXPECT_EQ(queue->dwTotalCallsQueued, 1u);
    EXPECT_EQ(queue->dwCurrentCallsQueued, 0u);
    EXPECT_EQ(queue->dwTotalCallsAbandoned, 0u);

    alignas(8) char abuf[256] = {};
    auto *agentInfo = reinterpret_cast<LINEAGENTINFO *>(abuf);
    agentInfo->dwTotalSize = sizeof abuf;
    ASSERT_EQ(alice.app->reply(lineGetAgentInfo(alice.line, alice.agent, agentInfo)), 0);
    auto a = snapshot("agent:1001");
    ASSERT_TRUE(a);
    auto agent = a->getArray("agents")->getObject(0);
    EXPECT_EQ(agentInfo->dwNumberOfACDCalls,
              agent->getObject("period")->getValue<DWORD>("handled"));
    EXPECT_EQ(agentInfo->dwNumberOfACDCalls, 1u);
    EXPECT_EQ(agentInfo->dwAgentState, static_cast<DWORD>(LINEAGENTSTATEEX_READY));
    EXPECT_EQ(agent->getValue<std::string>("state"), "ready");
}

TEST_F(RemoteTapiE2E, ACallNobodyAnswersGoesToTheNextAgentAfterTheRingTimeout)
{
    LocalAgent bob = login("1002", "101"); // first in line, will not answer
    LocalAgent alice = login("1001", "100");
    dial("9000");
    ASSERT_NE(bob.app->waitNewCall(bob.line, 10000), 0u);
    HCALL toAlice = alice.app->waitNewCall(alice.line, 15000);
    ASSERT_NE(toAlice, 0u);
    ASSERT_TRUE(alice.app->waitState(toAlice, LINECALLSTATE_OFFERING));
    auto b = snapshot("agent:1002");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->getArray("agents")->getObject(0)->getValue<std::string>("state"), "not-ready");
}

TEST_F(RemoteTapiE2E, ACallerWhoHangsUpInTheQueueIsAnAbandon)
{
    TapiApp watcher("watcher");
    HLINE line = watcher.open("100", LINECALLPRIVILEGE_NONE);
    ASSERT_NE(line, 0u);
    HCALL call = dial("9000"); // no agent is logged in: the call waits
    ASSERT_TRUE(waitActiveCalls(1));
    ASSERT_EQ(customer->reply(lineDrop(call, nullptr, 0)), 0);
    ASSERT_TRUE(waitNoActiveCalls());
    alignas(8) char qbuf[256] = {};
    auto *queue = reinterpret_cast<LINEQUEUEINFO *>(qbuf);
    queue->dwTotalSize = sizeof qbuf;
    ASSERT_EQ(watcher.reply(lineGetQueueInfo(line, 10, queue)), 0);
    EXPECT_EQ(queue->dwTotalCallsAbandoned, 1u);
    EXPECT_EQ(queue->dwTotalCallsQueued, 1u);
}

TEST_F(RemoteTapiE2E, ALineHandedToAnExternalProxyIsServedByARemoteProxyApplication)
{
    TapiApp proxy("external proxy");
    ASSERT_TRUE(proxy.ok());
    DWORD device = proxy.findDevice("106");
    ASSERT_NE(device, static_cast<DWORD>(LINEMAPPER));
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    ASSERT_EQ(lineNegotiateAPIVersion(proxy.handle(), device, TAPI_VERSION2_0, TAPI_VERSION2_2,
                                      &version, &ext),
              0);
    alignas(8) char params[sizeof(LINECALLPARAMS) + 4] = {};
    auto *p = reinterpret_cast<LINECALLPARAMS *>(params);
    p->dwTotalSize = sizeof params;
    p->dwDevSpecificSize = 4;
    p->dwDevSpecificOffset = sizeof(LINECALLPARAMS);
    DWORD type = LINEPROXYREQUEST_GETAGENTSTATUS;
    std::memcpy(params + sizeof(LINECALLPARAMS), &type, 4);
    HLINE proxyLine = 0;
    ASSERT_EQ(lineOpen(proxy.handle(), device, &proxyLine, version, 0, 0,
                       LINEOPENOPTION_PROXY | LINECALLPRIVILEGE_NONE, 0, p),
              0);

    TapiApp desk("desk");
    HLINE deskLine = desk.open("106");
    ASSERT_NE(deskLine, 0u);
    alignas(8) char buffer[256] = {};
    auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    LONG id = lineGetAgentStatusA(deskLine, 0, status);
    ASSERT_GT(id, 0);
    const LINEMESSAGE *request =
        proxy.waitFor([](const LINEMESSAGE &m) { return m.dwMessageID == LINE_PROXYREQUEST; });
    ASSERT_NE(request, nullptr);
    EXPECT_EQ(request->hDevice, proxyLine);
    auto *r = reinterpret_cast<LINEPROXYREQUEST *>(request->dwParam1);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->dwRequestType, static_cast<DWORD>(LINEPROXYREQUEST_GETAGENTSTATUS));
    EXPECT_EQ(r->GetAgentStatus.AgentStatus.dwTotalSize, sizeof buffer);
    r->GetAgentStatus.AgentStatus.dwNeededSize = sizeof(LINEAGENTSTATUS);
    r->GetAgentStatus.AgentStatus.dwUsedSize = sizeof(LINEAGENTSTATUS);
    r->GetAgentStatus.AgentStatus.dwState = LINEAGENTSTATE_READY;
    ASSERT_EQ(lineProxyResponse(proxyLine, r, 0), 0);
    EXPECT_EQ(desk.reply(id), 0);
    EXPECT_EQ(status->dwState, static_cast<DWORD>(LINEAGENTSTATE_READY));
    EXPECT_EQ(status->dwTotalSize, sizeof buffer);
    // A second answer to the same request: the pointer is no longer a pending request.
    EXPECT_EQ(lineProxyResponse(proxyLine, r, 0), LINEERR_INVALPOINTER);
    // Other stations are still the built-in proxy's.
    TapiApp other("other");
    HLINE otherLine = other.open("104");
    EXPECT_EQ(other.reply(lineGetAgentStatusA(otherLine, 0, status)), 0);
    EXPECT_EQ(status->dwState, static_cast<DWORD>(LINEAGENTSTATE_LOGGEDOFF));
}

/// What a LINECALLBACK app received, and on which thread.
struct CallbackRecord {
    LINEMESSAGE message;
    std::thread::id thread;
};
struct CallbackRecorder {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<CallbackRecord> records;
    bool waitUntil(const std::function<bool(const std::vector<CallbackRecord> &)> &done)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(10), [&] { return done(records); });
    }
    std::vector<CallbackRecord> snapshot()
    {
        std::lock_guard lock(mutex);
        return records;
    }
};
CallbackRecorder g_recorder;

void CALLBACK recordCallback(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                             DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    LINEMESSAGE m{};
    m.hDevice = hDevice;
    m.dwMessageID = dwMessage;
    m.dwCallbackInstance = dwInstance;
    m.dwParam1 = dwParam1;
    m.dwParam2 = dwParam2;
    m.dwParam3 = dwParam3;
    std::lock_guard lock(g_recorder.mutex);
    g_recorder.records.push_back({m, std::this_thread::get_id()});
    g_recorder.changed.notify_all();
}

long findRecord(const std::vector<CallbackRecord> &records,
                const std::function<bool(const LINEMESSAGE &)> &match)
{
    for (std::size_t i = 0; i < records.size(); ++i)
        if (match(records[i].message))
            return static_cast<long>(i);
    return -1;
}

TEST_F(RemoteTapiE2E, ACallbackAppGetsReplyNewCallAndStatesInOrderOnALibraryThread)
{
    {
        std::lock_guard lock(g_recorder.mutex);
        g_recorder.records.clear();
    }
    HLINEAPP app = 0;
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEHIDDENWINDOW;
    ASSERT_EQ(
        lineInitializeExA(&app, nullptr, recordCallback, "callback", &numDevs, &version, &params),
        0);
    TapiApp finder("finder");
    DWORD from = finder.findDevice("107"), to = finder.findDevice("108");
    ASSERT_NE(from, static_cast<DWORD>(LINEMAPPER));
    ASSERT_NE(to, static_cast<DWORD>(LINEMAPPER));
    HLINE lines[2] = {0, 0};
    DWORD devices[2] = {from, to};
    for (int i = 0; i < 2; ++i) {
        DWORD v = 0;
        LINEEXTENSIONID ext{};
        ASSERT_EQ(
            lineNegotiateAPIVersion(app, devices[i], TAPI_VERSION2_0, TAPI_VERSION2_2, &v, &ext),
            0);
        ASSERT_EQ(lineOpen(app, devices[i], &lines[i], v, 0, static_cast<DWORD_PTR>(i + 1),
                           LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
                  0);
    }
    LINEMESSAGE m{};
    EXPECT_EQ(lineGetMessage(app, &m, 0), LINEERR_INVALAPPHANDLE);

    HCALL out = 0;
    LONG id = lineMakeCallA(lines[0], &out, "108", 0, nullptr);
    ASSERT_GT(id, 0);
    auto isReply = [id](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_REPLY && x.dwParam1 == static_cast<DWORD_PTR>(id);
    };
    auto isNewCall = [&](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_APPNEWCALL && x.hDevice == lines[1];
    };
    ASSERT_TRUE(g_recorder.waitUntil([&](const std::vector<CallbackRecord> &r) {
        long n = findRecord(r, isNewCall);
        return findRecord(r, isReply) >= 0 && n >= 0 && static_cast<std::size_t>(n + 1) < r.size();
    }));
    auto records = g_recorder.snapshot();
    long reply = findRecord(records, isReply);
    EXPECT_EQ(records[reply].message.dwParam2, 0u);
    EXPECT_EQ(records[reply].message.dwCallbackInstance, 1u);
    ASSERT_NE(out, 0u); // written before LINE_REPLY was queued
    long firstOut = findRecord(records, [&](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_CALLSTATE && x.hDevice == out;
    });
    ASSERT_GE(firstOut, 0);
    EXPECT_LT(reply, firstOut);
    EXPECT_EQ(records[firstOut].message.dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    long newCall = findRecord(records, isNewCall);
    const LINEMESSAGE &nc = records[newCall].message;
    EXPECT_EQ(nc.dwCallbackInstance, 2u);
    EXPECT_EQ(nc.dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    const LINEMESSAGE &offering = records[newCall + 1].message;
    EXPECT_EQ(offering.dwMessageID, static_cast<DWORD>(LINE_CALLSTATE));
    EXPECT_EQ(offering.hDevice, nc.dwParam2);
    EXPECT_EQ(offering.dwParam1, static_cast<DWORD_PTR>(LINECALLSTATE_OFFERING));
    for (const CallbackRecord &r : records) {
        EXPECT_NE(r.thread, std::this_thread::get_id());
        EXPECT_EQ(r.thread, records.front().thread);
    }
    EXPECT_EQ(lineShutdown(app), 0);
}

TEST_F(RemoteTapiE2E, ACallerBlockedInARequestWhenTheEngineDiesGetsOperationFailed)
{
    TapiApp app("blocked");
    ASSERT_TRUE(app.ok());
    HLINE line = app.open("100");
    ASSERT_NE(line, 0u);
    ASSERT_TRUE(stopProcess(engine->pid())); // the engine stops answering
    std::future<LONG> closing = std::async(std::launch::async, [&] { return lineClose(line); });
    EXPECT_EQ(closing.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
    engine.reset(); // SIGKILL
    ASSERT_EQ(closing.wait_for(std::chrono::seconds(5)), std::future_status::ready);
    EXPECT_EQ(closing.get(), LINEERR_OPERATIONFAILED);
    EXPECT_NE(app.waitFor([&](const LINEMESSAGE &m) {
        return m.dwMessageID == LINE_CLOSE && m.hDevice == line;
    }),
              nullptr);
}

TEST_F(RemoteTapiE2E, AnEngineSilentForThreeHeartbeatsIsLostAndItsLinesClose)
{
    engine.reset();
    writeConfig(0, "\n[limits]\nheartbeat-ms = 1000\n");
    engine = std::make_unique<EngineProcess>(std::vector<std::string>{"--config", conf});
    ASSERT_TRUE(engine->running()) << engine->errors();
    setenv("TAPI_SERVER", ("127.0.0.1:" + std::to_string(engine->port())).c_str(), 1);
    TapiApp app("quiet");
    ASSERT_TRUE(app.ok());
    HLINE line = app.open("100");
    ASSERT_NE(line, 0u);
    // Pings keep an idle connection alive past three heartbeats.
    EXPECT_EQ(app.waitFor([](const LINEMESSAGE &m) { return m.dwMessageID == LINE_CLOSE; }, 3500),
              nullptr);
    ASSERT_TRUE(stopProcess(engine->pid())); // alive, connected, but silent
    auto stopped = std::chrono::steady_clock::now();
    EXPECT_NE(
        app.waitFor(
            [&](const LINEMESSAGE &m) { return m.dwMessageID == LINE_CLOSE && m.hDevice == line; },
            8000),
        nullptr);
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - stopped)
                      .count();
    EXPECT_GE(waited, 2000);
    EXPECT_LE(waited, 6000);
}

TEST_F(RemoteTapiE2E, OverWssAnAgentLogsInWhenItTrustsTheEnginesCertificateOnly)
{
    const std::string cert = tempPath("engine.pem"), key = tempPath("engine.key");
    ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key
                           + "' -out '" + cert
                           + "' -days 1 -subj /CN=localhost"
                             " -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null")
                              .c_str()),
              0);
    engine.reset();
    writeConfig(0, "\n[tls]\ncertificate = " + cert + "\nkey = " + key + "\n");
    engine = std::make_unique<EngineProcess>(std::vector<std::string>{"--config", conf});
    ASSERT_TRUE(engine->running()) << engine->errors();
    const std::string server = "TAPI_SERVER=wss://127.0.0.1:" + std::to_string(engine->port());
    AgentProcess trusted({server, "TAPI_USER=alice", "TAPI_PASSWORD=s3cret",
                          "TAPI_CA_FILE=" + cert, "HOME=/nonexistent"},
                         {"1001", "1234", "100"});
    ASSERT_TRUE(trusted.waitLine("ready")) << trusted.transcript();
    // Without the CA the self-signed certificate is refused: the engine cannot be reached.
    AgentProcess untrusted({server, "TAPI_USER=alice", "TAPI_PASSWORD=s3cret",
                            "HOME=/nonexistent"},
                           {"1001", "1234", "100"});
    EXPECT_EQ(untrusted.wait(), 1);
    untrusted.waitLine("never", 100);
    EXPECT_EQ(untrusted.lines, (std::vector<std::string>{"lineInitializeEx failed 0x80000043"}));
    // Plain ws:// to a TLS listener fails the same way.
    AgentProcess plain({"TAPI_SERVER=ws://127.0.0.1:" + std::to_string(engine->port()),
                        "TAPI_USER=alice", "TAPI_PASSWORD=s3cret", "HOME=/nonexistent"},
                       {"1001", "1234", "100"});
    EXPECT_EQ(plain.wait(), 1);
    std::filesystem::remove(cert);
    std::filesystem::remove(key);
}

TEST_F(RemoteTapiE2E, AnAgentProgramFindsTheEngineInItsConfigFileAndTheEnvironmentWins)
{
    const std::string home = tempPath("home");
    std::filesystem::create_directories(home + "/.config/acd");
    std::ofstream(home + "/.config/acd/tapi.conf")
        << "# remote TAPI\nserver = 127.0.0.1:" << engine->port()
        << "\nuser = alice\npassword = s3cret\n";
    {
        AgentProcess alice(std::vector<std::string>{"HOME=" + home}, {"1001", "1234", "100"});
        EXPECT_TRUE(alice.waitLine("ready")) << alice.transcript();
    }
    {
        // TAPI_PASSWORD overrides the file's password.
        AgentProcess wrong(std::vector<std::string>{"HOME=" + home, "TAPI_PASSWORD=nope"},
                           {"1001", "1234", "100"});
        EXPECT_EQ(wrong.wait(), 1);
        wrong.waitLine("never", 100);
        EXPECT_EQ(wrong.lines, (std::vector<std::string>{"lineInitializeEx failed 0x80000048"}));
    }
    std::filesystem::remove_all(home);
}

TEST_F(RemoteTapiE2E, ARequestTooLargeForOneMessageIsRefusedLocallyAndTheConnectionLives)
{
    TapiApp app("big");
    ASSERT_TRUE(app.ok());
    HLINE line = app.open("100");
    ASSERT_NE(line, 0u);
    std::vector<std::uint64_t> storage(800 * 1024 / 8, 0);
    auto *params = reinterpret_cast<LINECALLPARAMS *>(storage.data());
    params->dwTotalSize = 800 * 1024;
    HCALL call = 0;
    EXPECT_EQ(lineMakeCallA(line, &call, "101", 0, params), LINEERR_INVALPARAM);
    // Still connected: a line status comes back.
    alignas(8) char buffer[1024] = {};
    auto *status = reinterpret_cast<LINEADDRESSSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    EXPECT_EQ(lineGetAddressStatusA(line, 0, status), 0);
    EXPECT_EQ(status->dwTotalSize, sizeof buffer);
    EXPECT_GE(status->dwUsedSize, sizeof(LINEADDRESSSTATUS));
}

} // namespace
} // namespace acd::server::test
