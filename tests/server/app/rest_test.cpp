// The REST surface of the admin API against the real acd-engine process, with requests like
// the curl examples of docs/admin-guide.md (Poco's HTTP client, HTTP Basic authentication):
// 401/403, every status code, changes applied live (a new route point and queue get calls),
// persisted across a restart, and audited in the database.
#include "engine_process.h"
#include "protocol_client.h"

#include "db/json_config.h"
#include "db/sqlite_store.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace acd::server::test {
namespace {

const char *const kContactCenter = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "front", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "stations": [ { "id": "2001" }, { "id": "2002" } ],
  "routePoints": [ { "address": "9000", "queue": 10 } ],
  "users": [ { "name": "alice", "role": "agent", "password": "s3cret", "agent": 1001 },
             { "name": "carol", "role": "supervisor", "password": "sup3rvise" },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

struct Reply {
    int status = 0;
    std::string body;
    std::string authenticate; ///< WWW-Authenticate
    std::string retryAfter;   ///< Retry-After
    Poco::JSON::Object::Ptr json() const
    {
        Poco::JSON::Parser parser;
        return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    }
    std::string errorCode() const { return json()->getObject("error")->getValue<std::string>("code"); }
    std::string error(const std::string &key) const
    {
        return json()->getObject("error")->getValue<std::string>(key);
    }
};

/// curl [-u user:password] -X METHOD [-d body] http://127.0.0.1:PORT/PATH
Reply http(int port, const std::string &method, const std::string &path,
           const std::string &user = {}, const std::string &password = {},
           const std::string &body = {})
{
    Reply r;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPRequest::HTTP_1_1);
        if (!user.empty())
            Poco::Net::HTTPBasicCredentials(user, password).authenticate(request);
        if (!body.empty()) {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
            session.sendRequest(request) << body;
        } else {
            session.sendRequest(request);
        }
        Poco::Net::HTTPResponse response;
        std::istream &in = session.receiveResponse(response);
        Poco::StreamCopier::copyToString(in, r.body);
        r.status = response.getStatus();
        r.authenticate = response.get("WWW-Authenticate", "");
        r.retryAfter = response.get("Retry-After", "");
    } catch (const Poco::Exception &e) {
        r.body = e.displayText();
    }
    return r;
}

void write(const std::string &path, const std::string &text)
{
    std::ofstream(path) << text;
}

class Rest : public ::testing::Test {
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
                          "\nconfig = stations=2001-2002;routepoints=9000-9001;"
                          "calls_per_hour=3600;patience_s=60\n\n[log]\nlevel = warning\n");
    }
    void TearDown() override
    {
        for (const std::string &p : {contactCenter, database, conf, database + "-wal",
                                     database + "-shm"})
            std::filesystem::remove(p);
    }
    std::string contactCenter, database, conf;
};

TEST_F(Rest, WithoutCredentialsOrWithAWrongPasswordItIs401AndForANonAdminItIs403)
{
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    Reply none = http(engine.port(), "GET", "/api/v1/queues");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.errorCode(), "unauthenticated");
    EXPECT_EQ(none.authenticate, "Basic realm=\"acd-engine\"");
    Reply wrong = http(engine.port(), "GET", "/api/v1/queues", "root", "nope");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.errorCode(), "auth_failed");
    Reply supervisor = http(engine.port(), "GET", "/api/v1/queues", "carol", "sup3rvise");
    EXPECT_EQ(supervisor.status, 403);
    EXPECT_EQ(supervisor.errorCode(), "forbidden");
    Reply agent = http(engine.port(), "PUT", "/api/v1/skills/2", "alice", "s3cret",
                       R"({"name":"french"})");
    EXPECT_EQ(agent.status, 403);
    Reply admin = http(engine.port(), "GET", "/api/v1/queues", "root", "adm1n");
    ASSERT_EQ(admin.status, 200) << admin.body;
    auto items = admin.json()->getArray("items");
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("name"), "sales");
}

TEST_F(Rest, FiveWrongPasswordsBlockTheUserForAMinuteAsHelloDoes)
{
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(http(engine.port(), "GET", "/api/v1/queues", "root", "guess").status, 401);
    Reply blocked = http(engine.port(), "GET", "/api/v1/queues", "root", "adm1n");
    EXPECT_EQ(blocked.status, 429);
    EXPECT_EQ(blocked.errorCode(), "rate_limited");
    EXPECT_EQ(blocked.retryAfter, "60");
    // The same limit holds on the WebSocket.
    ProtocolClient client(engine.port());
    EXPECT_EQ(codeOf(client.request(R"("op":"hello","version":1,"user":"root","password":"adm1n")")),
              "rate_limited");
}

TEST_F(Rest, StatusCodesFollowTheErrorCodes)
{
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    const int port = engine.port();
    Reply invalid = http(port, "PUT", "/api/v1/queues/30", "root", "adm1n",
                         R"({"name":"billing","group":1,"skill":1,"maxWaitSeconds":-1})");
    EXPECT_EQ(invalid.status, 400);
    EXPECT_EQ(invalid.errorCode(), "invalid");
    EXPECT_EQ(invalid.error("item"), "queues 30");
    EXPECT_EQ(invalid.error("field"), "maxWaitSeconds");
    Reply mismatch = http(port, "PUT", "/api/v1/queues/30", "root", "adm1n",
                          R"({"id":31,"name":"billing","group":1,"skill":1})");
    EXPECT_EQ(mismatch.status, 400);
    EXPECT_EQ(mismatch.error("field"), "id");
    Reply notJson = http(port, "PUT", "/api/v1/queues/30", "root", "adm1n", "{oops");
    EXPECT_EQ(notJson.status, 400);
    EXPECT_EQ(notJson.errorCode(), "bad_request");
    EXPECT_EQ(http(port, "GET", "/api/v1/queues/99", "root", "adm1n").status, 404);
    EXPECT_EQ(http(port, "GET", "/api/v1/trunks", "root", "adm1n").status, 404);
    Reply conflict = http(port, "DELETE", "/api/v1/groups/1", "root", "adm1n");
    EXPECT_EQ(conflict.status, 409);
    EXPECT_EQ(conflict.errorCode(), "conflict");
    EXPECT_EQ(conflict.error("item"), "queues 10");
    EXPECT_EQ(http(port, "POST", "/api/v1/queues", "root", "adm1n", "{}").status, 405);
    Reply user = http(port, "PUT", "/api/v1/users/dave", "root", "adm1n",
                      R"({"role":"admin","password":"d4ve"})");
    ASSERT_EQ(user.status, 200) << user.body;
    EXPECT_FALSE(user.json()->getObject("item")->has("passwordHash"));
    EXPECT_EQ(http(port, "GET", "/api/v1/skills", "dave", "d4ve").status, 200);
    EXPECT_EQ(http(port, "DELETE", "/api/v1/users/dave", "root", "adm1n").status, 200);
    EXPECT_EQ(http(port, "GET", "/api/v1/skills", "dave", "d4ve").status, 401);
}

TEST_F(Rest, ANewQueueAndRoutePointGetCallsLiveAndArePersistedAndAudited)
{
    {
        EngineProcess engine({"--config", conf});
        ASSERT_TRUE(engine.running()) << engine.errors();
        const int port = engine.port();
        ProtocolClient supervisor(port);
        ASSERT_EQ(codeOf(supervisor.request(
                      R"("op":"hello","version":1,"user":"carol","password":"sup3rvise")")),
                  "ok");
        ASSERT_EQ(codeOf(supervisor.request(R"("op":"subscribe","topics":["all"])")), "ok");

        Reply queue = http(port, "PUT", "/api/v1/queues/30", "root", "adm1n",
                           R"({"name":"billing","group":1,"skill":1,"wrapUpSeconds":20,
                               "overflowWhenNoAgents":false})");
        ASSERT_EQ(queue.status, 200) << queue.body;
        EXPECT_EQ(queue.json()->getObject("item")->getValue<int>("wrapUpSeconds"), 20);
        Reply routePoint = http(port, "PUT", "/api/v1/routePoints/9001", "root", "adm1n",
                                R"({"queue":30,"name":"billing line"})");
        ASSERT_EQ(routePoint.status, 200) << routePoint.body;
        Reply unknownLine = http(port, "PUT", "/api/v1/routePoints/7777", "root", "adm1n",
                                 R"({"queue":30})");
        EXPECT_EQ(unknownLine.status, 400);
        EXPECT_EQ(unknownLine.error("field"), "address");

        auto queued = supervisor.waitEvent(
            [](const Poco::JSON::Object &e) {
                return e.getValue<std::string>("ev") == "call.queued"
                       && e.getValue<int>("queue") == 30;
            },
            20000);
        EXPECT_TRUE(queued) << engine.errors();
        EXPECT_EQ(engine.terminate(), 0) << engine.errors();
    }
    {
        auto store = db::openSqliteStore(database);
        ASSERT_TRUE(store);
        auto audit = store.value()->auditLog({0, INT64_MAX});
        ASSERT_TRUE(audit);
        ASSERT_EQ(audit.value().size(), 2u);
        EXPECT_EQ(audit.value()[0].user, "root");
        EXPECT_EQ(audit.value()[0].action, "admin.put");
        EXPECT_EQ(audit.value()[0].object, "queues:30");
        EXPECT_EQ(audit.value()[1].object, "routePoints:9001");
    }
    // A restart keeps the change (the database is not re-imported from the file).
    EngineProcess engine({"--config", conf});
    ASSERT_TRUE(engine.running()) << engine.errors();
    Reply queue = http(engine.port(), "GET", "/api/v1/queues/30", "root", "adm1n");
    ASSERT_EQ(queue.status, 200) << queue.body;
    EXPECT_EQ(queue.json()->getObject("item")->getValue<std::string>("name"), "billing");
    Reply routePoint = http(engine.port(), "GET", "/api/v1/routePoints/9001", "root", "adm1n");
    ASSERT_EQ(routePoint.status, 200);
    EXPECT_EQ(routePoint.json()->getObject("item")->getValue<int>("queue"), 30);
}

TEST_F(Rest, ASupervisorsForcedStateIsInTheAuditLog)
{
    {
        EngineProcess engine({"--config", conf});
        ASSERT_TRUE(engine.running()) << engine.errors();
        ProtocolClient supervisor(engine.port());
        ASSERT_EQ(codeOf(supervisor.request(
                      R"("op":"hello","version":1,"user":"carol","password":"sup3rvise")")),
                  "ok");
        ASSERT_EQ(codeOf(supervisor.request(
                      R"("op":"agent.login","agent":1001,"pin":"1234","station":"2001","groups":[1])")),
                  "ok");
        ASSERT_EQ(codeOf(supervisor.request(R"("op":"agent.logout","agent":1001)")), "ok");
        EXPECT_EQ(engine.terminate(), 0) << engine.errors();
    }
    auto store = db::openSqliteStore(database);
    ASSERT_TRUE(store);
    auto audit = store.value()->auditLog({0, INT64_MAX});
    ASSERT_TRUE(audit);
    ASSERT_EQ(audit.value().size(), 1u);
    EXPECT_EQ(audit.value()[0].user, "carol");
    EXPECT_EQ(audit.value()[0].action, "agent.logout");
    EXPECT_EQ(audit.value()[0].object, "agent:1001");
    EXPECT_EQ(audit.value()[0].detail, "forced logout");
}

} // namespace
} // namespace acd::server::test
