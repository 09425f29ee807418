// The admin API over the protocol (admin.list/get/put/delete) with a real core: every kind,
// validation naming item and field, cross references, roles, live effect on the core, the
// persist hook and the audit entries.
#include "acd/server/admin_api.h"
#include "acd/server/protocol_service.h"
#include "core/calendar.h"
#include "core/engine.h"
#include "db/config_edit.h"
#include "db/json_config.h"
#include "db/secret_hash.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace acd::server::test {
namespace {

class RecordingTransport : public Transport {
public:
    bool send(ConnectionId connection, std::string text) override
    {
        sent[connection].push_back(std::move(text));
        return true;
    }
    void close(ConnectionId, std::uint16_t, std::string) override {}
    void resume(ConnectionId, std::string) override {}
    std::map<ConnectionId, std::vector<std::string>> sent;
};

const char *const kConfig = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "front", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "stations": [ { "id": "100" }, { "id": "101" } ],
  "routePoints": [ { "address": "9000", "queue": 10 } ],
  "users": [ { "name": "alice", "role": "agent", "password": "s3cret", "agent": 1001 },
             { "name": "carol", "role": "supervisor", "password": "sup3rvise" },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

class Admin : public ::testing::Test {
protected:
    void SetUp() override
    {
        db::ConfigParse parsed = db::parseConfigJson(kConfig, 1000);
        ASSERT_TRUE(parsed.ok()) << parsed.errors.front();
        config = parsed.config;
        ASSERT_TRUE(db::loadIntoEngine(config, engine));
        original = db::toConfigJson(config);
        AdminHooks hooks;
        hooks.persist = [this](std::shared_ptr<const db::ConfigSet> c) { persisted.push_back(c); };
        hooks.callsAtRoutePoint = [this](const std::string &a) { return callsAtRoutePoint[a]; };
        hooks.removed = [this](const std::string &kind, std::uint32_t id) {
            service->announceRemoved(kind, id);
        };
        admin = std::make_unique<AdminApi>(engine, config, hooks, AdminOptions{1000});
        service = std::make_unique<ProtocolService>(engine, config, transport,
                                                    [this] { return now; });
        service->setAuditSink([this](const AuditEntry &e) { audits.push_back(e); });
        service->setAdmin(admin.get());
        root = connect("root", "adm1n");
    }

    Poco::JSON::Object::Ptr request(ConnectionId c, const std::string &fields)
    {
        const std::size_t before = transport.sent[c].size();
        service->onText(c, "{\"id\":" + std::to_string(nextId++) + "," + fields + "}");
        std::vector<core::Effect> effects;
        engine.takeEffects(effects);
        service->onEffects(effects);
        for (std::size_t i = before; i < transport.sent[c].size(); ++i) {
            Poco::JSON::Parser parser;
            auto o = parser.parse(transport.sent[c][i]).extract<Poco::JSON::Object::Ptr>();
            if (o->has("re"))
                return o;
        }
        return nullptr;
    }

    ConnectionId connect(const std::string &user, const std::string &password)
    {
        ConnectionId c = nextConnection++;
        service->onOpen(c, "10.0.0.1");
        auto r = request(c, R"("op":"hello","version":1,"user":")" + user + R"(","password":")"
                                + password + R"(")");
        EXPECT_EQ(code(r), "ok");
        return c;
    }

    static std::string code(const Poco::JSON::Object::Ptr &r)
    {
        if (!r)
            return "none";
        return r->getValue<bool>("ok") ? "ok" : r->getObject("error")->getValue<std::string>("code");
    }
    static std::string errorField(const Poco::JSON::Object::Ptr &r, const std::string &key)
    {
        auto e = r->getObject("error");
        return e->has(key) ? e->getValue<std::string>(key) : "";
    }
    static Poco::JSON::Object::Ptr item(const Poco::JSON::Object::Ptr &r)
    {
        return r->getObject("result")->getObject("item");
    }

    Poco::JSON::Object::Ptr put(const std::string &kind, const std::string &itemJson,
                                ConnectionId c = 0)
    {
        return request(c ? c : root,
                       R"("op":"admin.put","kind":")" + kind + R"(","item":)" + itemJson);
    }
    Poco::JSON::Object::Ptr get(const std::string &kind, const std::string &key)
    {
        return request(root, R"("op":"admin.get","kind":")" + kind + R"(","key":)" + key);
    }
    Poco::JSON::Object::Ptr del(const std::string &kind, const std::string &key)
    {
        return request(root, R"("op":"admin.delete","kind":")" + kind + R"(","key":)" + key);
    }

    /// Logs Alice in at station 100 to group 1, agent and session Ready.
    void loginAlice()
    {
        auto login = request(root, R"("op":"agent.login","agent":1001,"pin":"1234","station":"100","groups":[1])");
        ASSERT_EQ(code(login), "ok");
        ready(login->getObject("result")->getArray("sessions")->getElement<int>(0));
    }
    void ready(int session)
    {
        ASSERT_EQ(code(request(root, R"("op":"agent.setState","agent":1001,"state":"ready")")),
                  "ok");
        ASSERT_EQ(code(request(root, R"("op":"agent.setSessionState","agent":1001,"session":)"
                                         + std::to_string(session) + R"(,"state":"ready")")),
                  "ok");
    }

    db::ConfigSet config;
    std::string original;
    core::Engine engine;
    RecordingTransport transport;
    core::TimeMs now = 1'700'000'000'000;
    std::unique_ptr<AdminApi> admin;
    std::unique_ptr<ProtocolService> service;
    std::vector<AuditEntry> audits;
    std::vector<std::shared_ptr<const db::ConfigSet>> persisted;
    std::map<std::string, std::size_t> callsAtRoutePoint;
    ConnectionId nextConnection = 1;
    ConnectionId root = 0;
    int nextId = 1;
};

TEST_F(Admin, ListReturnsEveryItemOfAKindWithoutSecrets)
{
    auto r = request(root, R"("op":"admin.list","kind":"users")");
    ASSERT_EQ(code(r), "ok");
    auto items = r->getObject("result")->getArray("items");
    ASSERT_EQ(items->size(), 3u);
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("name"), "alice");
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("role"), "agent");
    EXPECT_EQ(items->getObject(0)->getValue<int>("agent"), 1001);
    EXPECT_FALSE(items->getObject(0)->has("passwordHash"));
    auto agents = request(root, R"("op":"admin.list","kind":"agents")");
    EXPECT_FALSE(agents->getObject("result")->getArray("items")->getObject(0)->has("pinHash"));
}

TEST_F(Admin, EveryKindCanBePutReadBackListedAndDeleted)
{
    struct Case {
        std::string kind, item, key, field, value;
    };
    const std::vector<Case> cases = {
        {"skills", R"({"id":2,"name":"french"})", "2", "name", "french"},
        {"groups", R"({"id":2,"name":"back","guid":"11111111-2222-3333-4444-555555555555"})", "2",
         "name", "back"},
        {"queues", R"({"id":30,"name":"billing","group":1,"skill":1,"wrapUpSeconds":15,
           "relaxation":[{"afterSeconds":30,"action":"lower-min-level","value":1}]})",
         "30", "name", "billing"},
        {"agents", R"({"id":1003,"name":"Carol","pin":"5555","skills":[{"skill":1,"level":3}]})",
         "1003", "name", "Carol"},
        {"reasonCodes", R"({"code":7,"name":"Training"})", "7", "name", "Training"},
        {"stations", R"({"id":"102","name":"Desk 102"})", "\"102\"", "name", "Desk 102"},
        {"routePoints", R"({"address":"9001","queue":10,"priority":3})", "\"9001\"", "priority",
         "3"},
        {"users", R"({"name":"dave","role":"supervisor","password":"pw"})", "\"dave\"", "role",
         "supervisor"},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.kind);
        auto r = put(c.kind, c.item);
        ASSERT_EQ(code(r), "ok") << (r ? errorField(r, "message") : "");
        EXPECT_EQ(item(r)->get(c.field).toString(), c.value);
        auto g = get(c.kind, c.key);
        ASSERT_EQ(code(g), "ok");
        EXPECT_EQ(item(g)->get(c.field).toString(), c.value);
        auto l = request(root, R"("op":"admin.list","kind":")" + c.kind + "\"");
        bool listed = false;
        auto items = l->getObject("result")->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            listed = listed || items->getObject(i)->get(c.field).toString() == c.value;
        EXPECT_TRUE(listed);
    }
    // Deleted in reverse order, so nothing deleted is still referred to.
    for (auto it = cases.rbegin(); it != cases.rend(); ++it) {
        SCOPED_TRACE(it->kind);
        auto r = del(it->kind, it->key);
        ASSERT_EQ(code(r), "ok") << errorField(r, "message");
        EXPECT_EQ(code(get(it->kind, it->key)), "not_found");
    }
    EXPECT_EQ(db::toConfigJson(config), original);
    EXPECT_EQ(config.queues.size(), 1u);
    EXPECT_EQ(config.agents.size(), 1u);
    EXPECT_EQ(config.users.size(), 3u);
}

TEST_F(Admin, ANonAdminIsForbidden)
{
    ConnectionId carol = connect("carol", "sup3rvise");
    ConnectionId alice = connect("alice", "s3cret");
    EXPECT_EQ(code(request(carol, R"("op":"admin.list","kind":"queues")")), "forbidden");
    EXPECT_EQ(code(put("skills", R"({"id":2,"name":"french"})", alice)), "forbidden");
    EXPECT_EQ(config.skills.size(), 1u);
    EXPECT_TRUE(persisted.empty());
}

TEST_F(Admin, AnOutOfRangeFieldIsInvalidNamingTheItemAndTheField)
{
    auto r = put("queues", R"({"id":30,"name":"billing","group":1,"skill":1,"maxWaitSeconds":-1})");
    ASSERT_EQ(code(r), "invalid");
    EXPECT_EQ(errorField(r, "item"), "queues 30");
    EXPECT_EQ(errorField(r, "field"), "maxWaitSeconds");
    EXPECT_EQ(errorField(r, "message"),
              "queues 30 'billing': field maxWaitSeconds: -1 is out of range 0..604800");
    EXPECT_EQ(code(get("queues", "30")), "not_found");
}

TEST_F(Admin, AQueueWhoseGroupDoesNotExistIsInvalidNamingTheGroupField)
{
    auto r = put("queues", R"({"id":30,"name":"billing","group":9,"skill":1})");
    ASSERT_EQ(code(r), "invalid");
    EXPECT_EQ(errorField(r, "item"), "queues 30");
    EXPECT_EQ(errorField(r, "field"), "group");
    EXPECT_EQ(errorField(r, "message"), "queues 30 'billing': field group: unknown group 9");
}

TEST_F(Admin, AnUnknownFieldAndABadRelaxationStepAreNamed)
{
    auto typo = put("queues", R"({"id":30,"name":"billing","group":1,"skill":1,"wrapup":5})");
    ASSERT_EQ(code(typo), "invalid");
    EXPECT_EQ(errorField(typo, "field"), "wrapup");
    auto step = put("queues", R"({"id":30,"name":"billing","group":1,"skill":1,
        "relaxation":[{"afterSeconds":10,"action":"add-queue","value":99}]})");
    ASSERT_EQ(code(step), "invalid");
    EXPECT_EQ(errorField(step, "field"), "relaxation[0].value");
    EXPECT_EQ(errorField(step, "message"),
              "queues 30 'billing': field relaxation[0].value: unknown queue 99");
}

TEST_F(Admin, AnAgentWithoutAPinIsInvalid)
{
    auto r = put("agents", R"({"id":1003,"name":"Carol"})");
    ASSERT_EQ(code(r), "invalid");
    EXPECT_EQ(errorField(r, "item"), "agents 1003");
    EXPECT_EQ(errorField(r, "field"), "pin");
}

TEST_F(Admin, DeletingAGroupAQueueUsesIsAConflictNamingTheQueue)
{
    ASSERT_EQ(code(put("groups", R"({"id":2,"name":"back","guid":"11111111-2222-3333-4444-555555555555"})")),
              "ok");
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"billing","group":2,"skill":1})")), "ok");
    auto r = del("groups", "2");
    ASSERT_EQ(code(r), "conflict");
    EXPECT_EQ(errorField(r, "item"), "queues 30");
    EXPECT_EQ(errorField(r, "field"), "group");
    EXPECT_EQ(errorField(r, "message"),
              "groups 2 is in use: queues 30 'billing': field group: unknown group 2");
    EXPECT_EQ(config.groups.size(), 2u);
}

TEST_F(Admin, DeletingAQueueARoutePointUsesIsAConflictNamingTheRoutePoint)
{
    auto r = del("queues", "10");
    ASSERT_EQ(code(r), "conflict");
    EXPECT_EQ(errorField(r, "item"), "routePoints 9000");
    EXPECT_EQ(errorField(r, "field"), "queue");
}

TEST_F(Admin, ANewQueueGetsCalls)
{
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"billing","group":1,"skill":1})")), "ok");
    loginAlice();
    core::CallArrival call;
    call.id = 77;
    call.queue = 30;
    ASSERT_TRUE(engine.callArrived(call, now));
    auto snapshot = engine.call(77);
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot.value().queue, 30u);
    EXPECT_EQ(snapshot.value().agent, 1001u);
}

TEST_F(Admin, AnUpdatedQueuesWrapUpApplies)
{
    ASSERT_EQ(code(put("queues", R"({"id":10,"name":"sales","group":1,"skill":1,"wrapUpSeconds":30,
                                     "overflowWhenNoAgents":false})")),
              "ok");
    loginAlice();
    core::CallArrival call;
    call.id = 5;
    call.queue = 10;
    ASSERT_TRUE(engine.callArrived(call, now));
    ASSERT_TRUE(engine.callAnswered(5, now + 1000));
    ASSERT_TRUE(engine.callCleared(5, now + 5000));
    EXPECT_EQ(engine.agent(1001).value().activity, core::AgentActivity::WrapUp);
    engine.advanceTo(now + 5000 + 29000);
    EXPECT_EQ(engine.agent(1001).value().activity, core::AgentActivity::WrapUp);
    engine.advanceTo(now + 5000 + 30000);
    EXPECT_EQ(engine.agent(1001).value().activity, core::AgentActivity::Available);
}

TEST_F(Admin, AQueueClosedForAHolidaySendsItsCallsToItsClosedQueueLive)
{
    const std::string today = core::dateText(static_cast<std::int32_t>(now / 86'400'000));
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"night","group":1,"skill":1,
                                     "overflowWhenNoAgents":false})")),
              "ok");
    auto r = put("queues", R"({"id":10,"name":"sales","group":1,"skill":1,
                               "overflowWhenNoAgents":false,"timeZone":"UTC",
                               "openHours":[{"days":["mon","tue","wed","thu","fri","sat","sun"],
                                             "from":"00:00","to":"24:00"}],
                               "holidays":[")" + today + R"("],"closedQueue":30})");
    ASSERT_EQ(code(r), "ok");
    auto item = r->getObject("result")->getObject("item");
    EXPECT_EQ(item->getArray("holidays")->getElement<std::string>(0), today);
    EXPECT_EQ(item->getValue<int>("closedQueue"), 30);
    core::CallArrival call;
    call.id = 78;
    call.queue = 10;
    ASSERT_TRUE(engine.callArrived(call, now));
    EXPECT_EQ(engine.call(78).value().queue, 30u);
    EXPECT_FALSE(engine.queue(10).value().open);
}

TEST_F(Admin, AnUnknownTimeZoneIsInvalidNamingTheField)
{
    auto r = put("queues", R"({"id":10,"name":"sales","group":1,"skill":1,
                               "timeZone":"Europe/Atlantis"})");
    ASSERT_EQ(code(r), "invalid");
    EXPECT_EQ(errorField(r, "item"), "queues 10");
    EXPECT_EQ(errorField(r, "field"), "timeZone");
}

TEST_F(Admin, ADeletedQueueLeavesTheCoreAndSubscribersAreTold)
{
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"billing","group":1,"skill":1})")), "ok");
    ConnectionId carol = connect("carol", "sup3rvise");
    ASSERT_EQ(code(request(carol, R"("op":"subscribe","topics":["all"])")), "ok");
    ASSERT_EQ(code(request(root, R"("op":"admin.delete","kind":"queues","key":30)")), "ok");
    const auto ids = engine.queueIds();
    EXPECT_EQ(std::count(ids.begin(), ids.end(), 30u), 0);
    Poco::JSON::Parser parser;
    auto event =
        parser.parse(transport.sent[carol].back()).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(event->getValue<std::string>("ev"), "queue.removed");
    EXPECT_EQ(event->getValue<int>("queue"), 30);
    // Put again, it is a new queue.
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"billing","group":1,"skill":1})")), "ok");
    EXPECT_TRUE(engine.queue(30));
}

TEST_F(Admin, ADeletedAgentCannotLogIn)
{
    ASSERT_EQ(code(request(root, R"("op":"admin.delete","kind":"agents","key":1001)")), "conflict")
        << "alice is referenced by her user";
    ASSERT_EQ(code(put("agents", R"({"id":1002,"name":"Bob","pin":"4321",
                                     "skills":[{"skill":1,"level":5}]})")),
              "ok");
    ASSERT_EQ(code(request(root, R"("op":"admin.delete","kind":"agents","key":1002)")), "ok");
    EXPECT_FALSE(engine.agent(1002));
    EXPECT_FALSE(engine.createSession(1002, 1, "101", now));
}

TEST_F(Admin, ANewAgentCanLogIn)
{
    ASSERT_EQ(code(put("agents", R"({"id":1003,"name":"Carol","pin":"5555","skills":[{"skill":1,"level":3}]})")),
              "ok");
    EXPECT_EQ(code(request(root, R"("op":"agent.login","agent":1003,"pin":"0000","station":"101","groups":[1])")),
              "auth_failed");
    EXPECT_EQ(code(request(root, R"("op":"agent.login","agent":1003,"pin":"5555","station":"101","groups":[1])")),
              "ok");
    EXPECT_EQ(engine.agent(1003).value().sessions.size(), 1u);
}

TEST_F(Admin, AReplacedAgentKeepsItsPinWhenNoneIsGivenAndGetsNewSkillsLive)
{
    loginAlice();
    ASSERT_EQ(code(put("skills", R"({"id":2,"name":"french"})")), "ok");
    auto r = put("agents", R"({"id":1001,"name":"Alice B.","skills":[{"skill":1,"level":5},{"skill":2,"level":9}]})");
    ASSERT_EQ(code(r), "ok");
    EXPECT_FALSE(item(r)->has("pin"));
    EXPECT_FALSE(item(r)->has("pinHash"));
    EXPECT_EQ(item(r)->getValue<std::string>("name"), "Alice B.");
    ASSERT_EQ(code(request(root, R"("op":"agent.logout","agent":1001)")), "ok");
    auto login = request(root, R"("op":"agent.login","agent":1001,"pin":"1234","station":"100","groups":[1])");
    ASSERT_EQ(code(login), "ok");
    // The new skill routes: a queue on skill 2 reaches Alice.
    ASSERT_EQ(code(put("queues", R"({"id":40,"name":"paris","group":1,"skill":2,"minLevel":8})")), "ok");
    ready(login->getObject("result")->getArray("sessions")->getElement<int>(0));
    core::CallArrival call;
    call.id = 9;
    call.queue = 40;
    ASSERT_TRUE(engine.callArrived(call, now));
    EXPECT_EQ(engine.call(9).value().agent, 1001u);
}

TEST_F(Admin, DeletingALoggedInAgentIsAConflict)
{
    loginAlice();
    ASSERT_EQ(code(del("users", "\"alice\"")), "ok");
    auto r = del("agents", "1001");
    ASSERT_EQ(code(r), "conflict");
    EXPECT_EQ(errorField(r, "item"), "agents 1001");
    EXPECT_EQ(errorField(r, "message"), "agents 1001 is logged in (log the agent out first)");
    ASSERT_EQ(code(request(root, R"("op":"agent.logout","agent":1001)")), "ok");
    EXPECT_EQ(code(del("agents", "1001")), "ok");
    // A deleted agent cannot log in any more.
    EXPECT_EQ(code(request(root, R"("op":"agent.login","agent":1001,"pin":"1234","station":"100","groups":[1])")),
              "not_found");
}

TEST_F(Admin, DeletingAQueueWithWaitingCallsIsAConflict)
{
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"billing","group":1,"skill":1,"overflowWhenNoAgents":false})")),
              "ok");
    core::CallArrival call;
    call.id = 3;
    call.queue = 30;
    ASSERT_TRUE(engine.callArrived(call, now));
    auto r = del("queues", "30");
    ASSERT_EQ(code(r), "conflict");
    EXPECT_EQ(errorField(r, "message"), "queues 30 has 1 call(s) waiting or ringing");
    ASSERT_TRUE(engine.callCleared(3, now + 1000));
    EXPECT_EQ(code(del("queues", "30")), "ok");
    // Put back with the same id, it works again (the core kept it).
    ASSERT_EQ(code(put("queues", R"({"id":30,"name":"billing 2","group":1,"skill":1})")), "ok");
    EXPECT_EQ(engine.queue(30).value().name, "billing 2");
}

TEST_F(Admin, DeletingARoutePointWithCallsIsAConflict)
{
    callsAtRoutePoint["9000"] = 2;
    auto r = del("routePoints", "\"9000\"");
    ASSERT_EQ(code(r), "conflict");
    EXPECT_EQ(errorField(r, "message"), "routePoints 9000 has 2 call(s)");
}

TEST_F(Admin, TheLastAdminCannotBeDeletedOrDemoted)
{
    EXPECT_EQ(code(del("users", "\"root\"")), "conflict");
    EXPECT_EQ(code(put("users", R"({"name":"root","role":"supervisor"})")), "conflict");
    EXPECT_EQ(config.users.back().role, db::Role::Admin);
}

TEST_F(Admin, AnUnknownKindOrKeyIsReported)
{
    auto r = request(root, R"("op":"admin.list","kind":"trunks")");
    ASSERT_EQ(code(r), "bad_request");
    EXPECT_EQ(errorField(r, "field"), "kind");
    EXPECT_EQ(code(get("queues", "99")), "not_found");
    EXPECT_EQ(code(del("queues", "99")), "not_found");
    EXPECT_EQ(code(request(root, R"("op":"admin.get","kind":"queues")")), "bad_request");
    EXPECT_EQ(code(request(root, R"("op":"admin.put","kind":"queues","item":5)")), "bad_request");
}

TEST_F(Admin, EveryChangeIsPersistedAndAuditedWithoutSecrets)
{
    ASSERT_EQ(code(put("agents", R"({"id":1003,"name":"Carol","pin":"5555"})")), "ok");
    ASSERT_EQ(code(del("agents", "1003")), "ok");
    ASSERT_EQ(code(get("queues", "10")), "ok"); // reads are not audited
    ASSERT_EQ(audits.size(), 2u);
    EXPECT_EQ(audits[0].user, "root");
    EXPECT_EQ(audits[0].action, "admin.put");
    EXPECT_EQ(audits[0].object, "agents:1003");
    EXPECT_EQ(audits[0].at, now);
    EXPECT_EQ(audits[0].detail, R"({"id":1003,"name":"Carol","pin":"***"})");
    EXPECT_EQ(audits[1].action, "admin.delete");
    EXPECT_EQ(audits[1].object, "agents:1003");
    ASSERT_EQ(persisted.size(), 2u);
    EXPECT_EQ(persisted[0]->agents.size(), 2u);
    EXPECT_EQ(db::toConfigJson(*persisted[1]), db::toConfigJson(config));
}

TEST_F(Admin, AFailedChangeIsNeitherPersistedNorAudited)
{
    EXPECT_EQ(code(put("skills", R"({"id":2})")), "invalid");
    EXPECT_TRUE(persisted.empty());
    EXPECT_TRUE(audits.empty());
}

// ---- A new PIN or password is hashed off the engine thread ------------------------------------

class DeferredAdminPut : public Admin {
protected:
    void SetUp() override
    {
        Admin::SetUp();
        service->setSecretHasher(
            [this](std::string kind, std::string item, std::function<void(std::string)> done) {
                if (refuse)
                    return false;
                hashes.push_back({std::move(kind), std::move(item), std::move(done)});
                return true;
            });
    }
    /// Hashes the oldest waiting item (as the worker would) and hands it back.
    void finishHash()
    {
        ASSERT_FALSE(hashes.empty());
        Hash hash = std::move(hashes.front());
        hashes.erase(hashes.begin());
        hash.done(db::hashClearSecret(hash.kind, hash.item, 1000));
    }
    /// "<re>:<code>" of every response on the connection, in order.
    std::vector<std::string> responses(ConnectionId c)
    {
        std::vector<std::string> out;
        for (const std::string &text : transport.sent[c]) {
            Poco::JSON::Parser parser;
            auto o = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
            if (o->has("re"))
                out.push_back(o->get("re").toString() + ":" + code(o));
        }
        return out;
    }
    void send(ConnectionId c, int id, const std::string &fields)
    {
        service->onText(c, "{\"id\":" + std::to_string(id) + "," + fields + "}");
    }
    const core::AgentConfig *agentConfig(core::AgentId id) const
    {
        for (const core::AgentConfig &a : config.agents)
            if (a.id == id)
                return &a;
        return nullptr;
    }

    struct Hash {
        std::string kind;
        std::string item;
        std::function<void(std::string)> done;
    };
    std::vector<Hash> hashes;
    bool refuse = false;
};

TEST_F(DeferredAdminPut, APutWithANewPinIsAnsweredWhenTheHashIsDoneAndLaterRequestsWaitInOrder)
{
    const std::size_t before = responses(root).size();
    send(root, 100,
         R"("op":"admin.put","kind":"agents","item":{"id":1003,"name":"Carol","pin":"5555"})");
    send(root, 101, R"("op":"admin.get","kind":"agents","key":1003)");
    EXPECT_EQ(responses(root).size(), before); // nothing before the hash is done
    EXPECT_EQ(agentConfig(1003), nullptr);
    ASSERT_EQ(hashes.size(), 1u);
    EXPECT_EQ(hashes[0].item.find("5555") != std::string::npos, true);
    finishHash();
    const std::vector<std::string> all = responses(root);
    ASSERT_EQ(all.size(), before + 2);
    EXPECT_EQ(all[before], "100:ok");
    EXPECT_EQ(all[before + 1], "101:ok");
    ASSERT_NE(agentConfig(1003), nullptr);
    EXPECT_TRUE(db::verifySecret("5555", agentConfig(1003)->pinHash));
    ASSERT_EQ(audits.size(), 1u);
    EXPECT_EQ(audits[0].object, "agents:1003");
    EXPECT_EQ(audits[0].detail.find("5555"), std::string::npos);
}

TEST_F(DeferredAdminPut, APutWithoutANewSecretIsAnsweredAtOnce)
{
    EXPECT_EQ(code(put("agents", R"({"id":1001,"name":"Alice B."})")), "ok");
    EXPECT_EQ(code(put("skills", R"({"id":2,"name":"french"})")), "ok");
    EXPECT_TRUE(hashes.empty());
}

TEST_F(DeferredAdminPut, AHashThatEndsAfterTheAdminLeftChangesNothing)
{
    send(
        root, 100,
        R"("op":"admin.put","kind":"users","item":{"name":"dave","role":"admin","password":"d4ve"})");
    service->onClose(root);
    finishHash();
    EXPECT_EQ(std::count_if(config.users.begin(), config.users.end(),
                            [](const db::UserConfig &u) { return u.name == "dave"; }),
              0);
    EXPECT_TRUE(audits.empty());
    EXPECT_TRUE(persisted.empty());
}

TEST_F(DeferredAdminPut, AnInvalidItemIsReportedWhenItsHashIsDone)
{
    send(root, 100, R"("op":"admin.put","kind":"agents","item":{"id":1003,"pin":"5555"})");
    finishHash();
    auto r = responses(root);
    EXPECT_EQ(r.back(), "100:invalid");
    EXPECT_EQ(agentConfig(1003), nullptr);
}

TEST_F(DeferredAdminPut, AHasherThatCannotTakeThePutMakesItOverloaded)
{
    refuse = true;
    EXPECT_EQ(code(put("agents", R"({"id":1003,"name":"Carol","pin":"5555"})")), "overloaded");
    EXPECT_EQ(code(get("queues", "10")), "ok"); // the connection is not left waiting
}

} // namespace
} // namespace acd::server::test
