// The acd-engine process end to end: a configuration file, a contact center imported into a
// fresh database, the sim switch with fast traffic and a simulated agent, clients over the real
// WebSocket protocol, /health and /metrics, SIGTERM with clients connected, the records in the
// database afterwards. Loopback, ephemeral ports, bounded waits.
#include "engine_process.h"
#include "protocol_client.h"

#include "db/sqlite_store.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/Context.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace acd::server::test {
namespace {

const char *const kContactCenter = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "front", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "wrapUpSeconds": 0,
                "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "stations": [ { "id": "2001" }, { "id": "2002" } ],
  "routePoints": [ { "address": "9000", "queue": 10 } ],
  "users": [ { "name": "alice", "role": "agent", "password": "s3cret", "agent": 1001 },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

void write(const std::string &path, const std::string &text)
{
    std::ofstream(path) << text;
}

struct HttpResult {
    int status = 0;
    std::string body;
};

HttpResult httpGet(int port, const std::string &path)
{
    HttpResult r;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                       Poco::Net::HTTPRequest::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream &in = session.receiveResponse(response);
        Poco::StreamCopier::copyToString(in, r.body);
        r.status = response.getStatus();
    } catch (const Poco::Exception &) {
    }
    return r;
}

class EngineProcessTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        contactCenter = tempPath("cc.json");
        database = tempPath("acd.db");
        conf = tempPath("acd.conf");
        write(contactCenter, kContactCenter);
        write(conf, "[engine]\nlisten = 127.0.0.1:0\ndatabase = " + database
                        + "\ncontact-center = " + contactCenter
                        + "\n\n[provider sim]\nlibrary = " TSP_SIM_PATH
                          "\nconfig = stations=2001-2002;routepoints=9000-9000;"
                          "calls_per_hour=3600;patience_s=60;agents=2001-2001;"
                          "ring_delay_ms=100;talk_s=0.3;talk=fixed\n\n[log]\nlevel = warning\n");
    }
    void TearDown() override
    {
        for (const std::string &p :
             {contactCenter, database, conf, database + "-wal", database + "-shm"})
            std::filesystem::remove(p);
    }
    std::string contactCenter, database, conf;
};

TEST_F(EngineProcessTest, CheckConfigNamesTheFileLineAndFieldAndExitsTwo)
{
    write(conf, "[engine]\nlisten = 127.0.0.1:0\nlisen = x\n[provider a]\nlibrary = l\n");
    EngineProcess engine({"--check-config", "--config", conf});
    EXPECT_EQ(engine.wait(), 2);
    EXPECT_NE(engine.errors().find(conf + ":3: engine.lisen: unknown key 'lisen'"),
              std::string::npos)
        << engine.errors();
}

TEST_F(EngineProcessTest, CheckConfigAcceptsAValidConfiguration)
{
    EngineProcess engine({"--check-config", "--config", conf});
    EXPECT_EQ(engine.wait(), 0);
    EXPECT_NE(engine.output().find("valid"), std::string::npos);
}

TEST_F(EngineProcessTest, AContactCenterErrorNamesItsItemAndField)
{
    write(contactCenter, R"({"version": 1, "queues": [{"id": 10, "name": "sales", "group": 4}]})");
    EngineProcess engine({"--check-config", "--config", conf});
    EXPECT_EQ(engine.wait(), 2);
    EXPECT_NE(engine.errors().find("queues[0] 'sales': field group"), std::string::npos)
        << engine.errors();
}

TEST_F(EngineProcessTest, AnAgentLogsInTakesARoutedCallAndTheRecordIsInTheDatabase)
{
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    ProtocolClient supervisor(engine.port());
    ASSERT_TRUE(supervisor.connected());
    ASSERT_EQ(
        codeOf(supervisor.request(R"("op":"hello","version":1,"user":"root","password":"adm1n")")),
        "ok");
    ASSERT_EQ(codeOf(supervisor.request(R"("op":"subscribe","topics":["all","stats"])")), "ok");

    ProtocolClient agent(engine.port());
    ASSERT_EQ(
        codeOf(agent.request(R"("op":"hello","version":1,"user":"alice","password":"s3cret")")),
        "ok");
    auto login = agent.request(
        R"("op":"agent.login","agent":1001,"pin":"1234","station":"2001","groups":[1])");
    ASSERT_EQ(codeOf(login), "ok");
    int session = login->getObject("result")->getArray("sessions")->getElement<int>(0);
    ASSERT_EQ(codeOf(agent.request(R"("op":"agent.setState","agent":1001,"state":"ready")")), "ok");
    ASSERT_EQ(codeOf(agent.request(R"("op":"agent.setSessionState","agent":1001,"session":)"
                                   + std::to_string(session) + R"(,"state":"ready")")),
              "ok");

    auto completed = supervisor.waitEvent(
        [](const Poco::JSON::Object &e) {
            return e.getValue<std::string>("ev") == "call.completed"
                   && e.getValue<std::string>("disposition") == "answered";
        },
        15000);
    ASSERT_TRUE(completed) << engine.errors();
    EXPECT_EQ(completed->getValue<int>("agent"), 1001);
    EXPECT_EQ(completed->getValue<int>("queue"), 10);
    // The live figures follow on the stats topic (within the engine's 100 ms tick).
    auto stats = supervisor.waitEvent([](const Poco::JSON::Object &e) {
        return e.getValue<std::string>("ev") == "queue.stats"
               && e.getObject("queue")->getValue<int>("id") == 10
               && e.getObject("queue")->getObject("total")->getValue<int>("handled") >= 1;
    });
    ASSERT_TRUE(stats);
    // Sequence numbers of the supervisor's stream have no gaps.
    for (std::size_t i = 0; i < supervisor.events.size(); ++i)
        EXPECT_EQ(supervisor.events[i]->getValue<std::uint64_t>("seq"), i + 1);

    // The report op reads the call record the writer committed (within milliseconds; asked
    // again a bounded number of times).
    bool reported = false;
    for (int attempt = 0; attempt < 50 && !reported; ++attempt) {
        auto report = supervisor.request(
            R"("op":"report","kind":"calls","from":0,"to":"2100-01-01")");
        ASSERT_EQ(codeOf(report), "ok");
        auto result = report->getObject("result");
        auto columns = result->getArray("columns");
        int agentColumn = -1;
        for (std::size_t i = 0; i < columns->size(); ++i)
            if (columns->getElement<std::string>(i) == "agent_id")
                agentColumn = static_cast<int>(i);
        ASSERT_GE(agentColumn, 0);
        auto rows = result->getArray("rows");
        for (std::size_t i = 0; i < rows->size(); ++i)
            reported |= rows->getArray(i)->getElement<std::string>(agentColumn) == "1001";
        if (!reported)
            supervisor.waitEvent([](const Poco::JSON::Object &) { return false; }, 20);
    }
    EXPECT_TRUE(reported);

    HttpResult health = httpGet(engine.port(), "/health");
    EXPECT_EQ(health.status, 200);
    HttpResult metrics = httpGet(engine.port(), "/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("acd_queue_calls_waiting{queue=\"sales\"}"), std::string::npos);
    EXPECT_NE(metrics.body.find("acd_clients 2"), std::string::npos) << metrics.body;

    EXPECT_EQ(engine.terminate(), 0) << engine.errors();
    int code = 0;
    EXPECT_TRUE(supervisor.waitClosed(code));
    EXPECT_EQ(code, 1001);

    auto store = db::openSqliteStore(database);
    ASSERT_TRUE(store);
    auto calls = store.value()->calls({0, INT64_MAX});
    ASSERT_TRUE(calls);
    std::size_t answered = 0;
    for (const auto &c : calls.value())
        answered +=
            c.disposition == core::Disposition::Answered && c.agent == 1001 && !c.ani.empty();
    EXPECT_GE(answered, 1u);
}

TEST_F(EngineProcessTest, SigtermStopsTheEngineCleanlyWhateverThreadItReaches)
{
    // Regression: the signal once reached an engine or I/O thread and killed the process.
    std::string text;
    {
        std::ifstream in(conf);
        std::stringstream s;
        s << in.rdbuf();
        text = s.str();
    }
    text.replace(text.find("level = warning"), 15, "level = information");
    write(conf, text);
    for (int run = 0; run < 3; ++run) {
        EngineProcess engine({"--config", conf});
        ASSERT_TRUE(engine.running()) << engine.errors();
        EXPECT_EQ(engine.terminate(), 0);
        EXPECT_NE(engine.errors().find("stopped cleanly"), std::string::npos) << engine.errors();
    }
}

TEST_F(EngineProcessTest, AWrongPasswordOverTheWireIsAuthFailed)
{
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    ProtocolClient client(engine.port());
    EXPECT_EQ(codeOf(client.request(R"("op":"hello","version":1,"user":"root","password":"x")")),
              "auth_failed");
}

TEST_F(EngineProcessTest, WithTlsConfiguredTheEngineServesWssAndHttpsOnly)
{
    const std::string cert = tempPath("c.pem"), key = tempPath("k.pem");
    ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key
                           + "' -out '" + cert
                           + "' -days 1 -subj /CN=localhost"
                             " -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null")
                              .c_str()),
              0);
    std::ofstream(conf, std::ios::app) << "\n[tls]\ncertificate = " << cert << "\nkey = " << key
                                       << "\n";
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();

    ProtocolClient secure(engine.port(), "/acd/v1", cert); // wss://, verifying c.pem
    ASSERT_TRUE(secure.connected());
    EXPECT_EQ(
        codeOf(secure.request(R"("op":"hello","version":1,"user":"root","password":"adm1n")")),
        "ok");

    // https:// for the HTTP routes; a plain ws:// client cannot connect.
    int status = 0;
    std::string body;
    try {
        Poco::Net::HTTPSClientSession session(
            "127.0.0.1", static_cast<Poco::UInt16>(engine.port()),
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", cert,
                                   Poco::Net::Context::VERIFY_RELAXED));
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/health",
                                       Poco::Net::HTTPRequest::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        status = response.getStatus();
    } catch (const Poco::Exception &e) {
        ADD_FAILURE() << e.displayText();
    }
    EXPECT_EQ(status, 200);
    ProtocolClient plain(engine.port());
    EXPECT_FALSE(plain.connected());
    EXPECT_EQ(httpGet(engine.port(), "/health").status, 0);

    EXPECT_EQ(engine.terminate(), 0) << engine.errors();
    int code = 0;
    EXPECT_TRUE(secure.waitClosed(code));
    EXPECT_EQ(code, 1001);
    std::filesystem::remove(cert);
    std::filesystem::remove(key);
}

TEST_F(EngineProcessTest, AKeyThatDoesNotMatchStopsTheEngineNamingTheFile)
{
    const std::string cert = tempPath("c.pem"), key = tempPath("k.pem"),
                      other = tempPath("other.pem");
    ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key
                           + "' -out '" + cert
                           + "' -days 1 -subj /CN=localhost 2>/dev/null && openssl genpkey"
                             " -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out '"
                           + other + "' 2>/dev/null")
                              .c_str()),
              0);
    std::ofstream(conf, std::ios::app) << "\n[tls]\ncertificate = " << cert << "\nkey = " << other
                                       << "\n";
    EngineProcess engine({"--config", conf});
    EXPECT_FALSE(engine.running());
    EXPECT_EQ(engine.wait(), 70); // cannot start
    EXPECT_NE(engine.errors().find("TLS key file '" + other + "' does not match"),
              std::string::npos)
        << engine.errors();
    // --check-config loads the files the same way and tells before a restart.
    EngineProcess check({"--check-config", "--config", conf});
    EXPECT_EQ(check.wait(), 2);
    EXPECT_NE(check.errors().find(conf + ": [tls]: TLS key file '" + other + "' does not match"),
              std::string::npos)
        << check.errors();
    for (const std::string &p : {cert, key, other})
        std::filesystem::remove(p);
}

TEST_F(EngineProcessTest, TheWebSocketPathIsChecked)
{
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    ProtocolClient wrong(engine.port(), "/other");
    EXPECT_FALSE(wrong.connected());
}

} // namespace
} // namespace acd::server::test
