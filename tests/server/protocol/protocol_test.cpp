// The engine side of the protocol with a real core on a virtual clock and a transport double
// that records what would go out (and can refuse, like a full outbound queue).
#include "acd/server/protocol_service.h"
#include "core/engine.h"
#include "db/json_config.h"
#include "db/secret_hash.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <map>
#include <span>
#include <sstream>

namespace acd::server::test {
namespace {

class FakeTransport : public Transport {
public:
    bool send(ConnectionId connection, std::string text) override
    {
        if (full.count(connection))
            return false;
        if (auto it = room.find(connection); it != room.end() && it->second-- == 0) {
            room.erase(it);
            full.insert(connection);
            return false;
        }
        sent[connection].push_back(std::move(text));
        return true;
    }
    std::size_t sendMany(ConnectionId connection, std::string_view messages,
                         std::span<const std::uint32_t> ends) override
    {
        ++sendManyCalls[connection];
        return Transport::sendMany(connection, messages, ends);
    }
    std::size_t sendNumbered(ConnectionId connection, std::string_view prefix,
                             std::uint64_t firstNumber, std::shared_ptr<const void> owner,
                             std::string_view messages, std::size_t begin,
                             std::span<const std::uint32_t> ends) override
    {
        // Kept by reference, as the front keeps them: a later change to what was handed over
        // shows in burstsUnchanged().
        const std::size_t end = ends.empty() ? begin : ends.back();
        numbered.push_back(
            Numbered{connection, firstNumber, owner, messages.substr(begin, end - begin),
                     std::string(messages.substr(begin, end - begin)), messages.size()});
        return Transport::sendNumbered(connection, prefix, firstNumber, std::move(owner), messages,
                                       begin, ends);
    }
    /// Whether every burst handed over by reference still holds what it held then.
    bool burstsUnchanged() const
    {
        for (const Numbered &n : numbered)
            if (n.view != n.copy)
                return false;
        return true;
    }
    void setMinWriteInterval(ConnectionId connection, std::uint32_t ms) override
    {
        writeIntervalMs[connection] = ms;
    }
    void close(ConnectionId connection, std::uint16_t code, std::string reason) override
    {
        closed[connection] = {code, reason};
    }
    void resume(ConnectionId connection, std::string notice) override
    {
        ++resumed[connection];
        full.erase(connection);
        sent[connection].push_back(std::move(notice));
    }

    std::map<ConnectionId, std::vector<std::string>> sent;
    std::map<ConnectionId, std::pair<std::uint16_t, std::string>> closed;
    std::map<ConnectionId, int> resumed;
    std::set<ConnectionId> full;
    /// Messages a connection still takes before it is full (absent: no limit).
    std::map<ConnectionId, std::size_t> room;
    std::map<ConnectionId, int> sendManyCalls;
    std::map<ConnectionId, std::uint32_t> writeIntervalMs;
    struct Numbered {
        ConnectionId connection;
        std::uint64_t firstNumber;
        std::shared_ptr<const void> owner;
        std::string_view view;
        std::string copy;
        std::size_t burstBytes; ///< all of the burst handed over, not only this run
    };
    std::vector<Numbered> numbered;
};

core::CallArrival arrival(core::CallId id, core::QueueId queue, const std::string &ani)
{
    core::CallArrival a;
    a.id = id;
    a.queue = queue;
    a.ani = ani;
    a.dnis = "9000";
    return a;
}

const char *const kConfig = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "front", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "overflowWhenNoAgents": false },
              { "id": 20, "name": "support", "group": 1, "skill": 1, "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
              { "id": 1002, "name": "Bob", "pin": "4321", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "stations": [ { "id": "100" }, { "id": "101" } ],
  "users": [ { "name": "alice", "role": "agent", "password": "s3cret", "agent": 1001 },
             { "name": "carol", "role": "supervisor", "password": "sup3rvise" },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

class Protocol : public ::testing::Test {
protected:
    void SetUp() override
    {
        db::ConfigParse parsed = db::parseConfigJson(kConfig, 1000);
        ASSERT_TRUE(parsed.ok()) << parsed.errors.front();
        config = parsed.config;
        ASSERT_TRUE(db::loadIntoEngine(config, engine));
        service = std::make_unique<ProtocolService>(engine, config, transport,
                                                    [this] { return now; });
        service->setAuditSink([this](const AuditEntry &e) { audits.push_back(e); });
    }

    /// Sends a request and returns the response object.
    Poco::JSON::Object::Ptr request(ConnectionId c, const std::string &text)
    {
        std::size_t before = transport.sent[c].size();
        service->onText(c, text);
        flushEffects();
        for (std::size_t i = before; i < transport.sent[c].size(); ++i) {
            auto o = parse(transport.sent[c][i]);
            if (o->has("re"))
                return o;
        }
        return nullptr;
    }

    void flushEffects()
    {
        std::vector<core::Effect> effects;
        engine.takeEffects(effects);
        service->onEffects(effects);
    }

    static Poco::JSON::Object::Ptr parse(const std::string &text)
    {
        Poco::JSON::Parser parser;
        return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    }

    /// The events (not responses) sent to a connection, parsed.
    std::vector<Poco::JSON::Object::Ptr> events(ConnectionId c)
    {
        std::vector<Poco::JSON::Object::Ptr> out;
        for (const std::string &text : transport.sent[c]) {
            auto o = parse(text);
            if (o->has("ev"))
                out.push_back(o);
        }
        return out;
    }

    static std::string errorCode(const Poco::JSON::Object::Ptr &response)
    {
        if (!response || response->getValue<bool>("ok"))
            return "ok";
        return response->getObject("error")->getValue<std::string>("code");
    }

    ConnectionId connect(const std::string &user, const std::string &password,
                         const std::string &peer = "10.0.0.1")
    {
        ConnectionId c = nextConnection++;
        service->onOpen(c, peer);
        auto r = request(c, R"({"id":1,"op":"hello","version":1,"user":")" + user
                                + R"(","password":")" + password + R"("})");
        EXPECT_EQ(errorCode(r), "ok");
        return c;
    }

    db::ConfigSet config;
    core::Engine engine;
    FakeTransport transport;
    core::TimeMs now = 1'700'000'000'000;
    std::unique_ptr<ProtocolService> service;
    std::vector<AuditEntry> audits;
    ConnectionId nextConnection = 1;
};

TEST_F(Protocol, PingWorksBeforeHello)
{
    service->onOpen(1, "10.0.0.1");
    auto r = request(1, R"({"id":"p","op":"ping"})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<std::string>("re"), "p");
    EXPECT_EQ(r->getObject("result")->getValue<core::TimeMs>("at"), now);
}

TEST_F(Protocol, AnyOtherRequestBeforeHelloIsUnauthenticated)
{
    service->onOpen(1, "10.0.0.1");
    EXPECT_EQ(errorCode(request(1, R"({"id":2,"op":"snapshot"})")), "unauthenticated");
}

TEST_F(Protocol, HelloReturnsTheRoleAndTheUsersAgent)
{
    service->onOpen(1, "10.0.0.1");
    auto r = request(1, R"({"id":1,"op":"hello","version":1,"user":"alice","password":"s3cret"})");
    ASSERT_EQ(errorCode(r), "ok");
    auto result = r->getObject("result");
    EXPECT_EQ(result->getValue<std::string>("role"), "agent");
    EXPECT_EQ(result->getValue<int>("agent"), 1001);
    EXPECT_EQ(result->getValue<int>("version"), 1);
}

TEST_F(Protocol, AWrongPasswordAndAnUnknownUserGiveTheSameError)
{
    service->onOpen(1, "10.0.0.1");
    auto wrong = request(1, R"({"id":1,"op":"hello","version":1,"user":"alice","password":"x"})");
    auto unknown = request(1, R"({"id":2,"op":"hello","version":1,"user":"zed","password":"x"})");
    EXPECT_EQ(errorCode(wrong), "auth_failed");
    EXPECT_EQ(errorCode(unknown), "auth_failed");
    EXPECT_EQ(wrong->getObject("error")->getValue<std::string>("message"),
              unknown->getObject("error")->getValue<std::string>("message"));
}

TEST_F(Protocol, AnAgentIdWithItsPinLogsInAsThatAgent)
{
    service->onOpen(1, "10.0.0.1");
    auto r = request(1, R"({"id":1,"op":"hello","version":1,"user":"1002","password":"4321"})");
    ASSERT_EQ(errorCode(r), "ok");
    auto result = r->getObject("result");
    EXPECT_EQ(result->getValue<std::string>("role"), "agent");
    EXPECT_EQ(result->getValue<int>("agent"), 1002);
}

TEST_F(Protocol, AnAgentIdWithAWrongPinIsRefusedLikeAWrongPassword)
{
    service->onOpen(1, "10.0.0.1");
    auto r = request(1, R"({"id":1,"op":"hello","version":1,"user":"1002","password":"1234"})");
    EXPECT_EQ(errorCode(r), "auth_failed");
    EXPECT_EQ(r->getObject("error")->getValue<std::string>("message"), "wrong user or password");
}

TEST_F(Protocol, AnAgentIdLoginGetsOnlyThatAgentsRights)
{
    ConnectionId c = connect("1002", "4321");
    EXPECT_EQ(errorCode(request(c, R"({"id":2,"op":"subscribe","topics":["agent:1002"]})")), "ok");
    EXPECT_EQ(errorCode(request(c, R"({"id":3,"op":"subscribe","topics":["agent:1001"]})")),
              "forbidden");
}

TEST_F(Protocol, ANumberThatIsNoAgentOrHasLeadingZerosIsAnUnknownUser)
{
    service->onOpen(1, "10.0.0.1");
    EXPECT_EQ(errorCode(request(
                  1, R"({"id":1,"op":"hello","version":1,"user":"01002","password":"4321"})")),
              "auth_failed");
    EXPECT_EQ(errorCode(request(
                  1, R"({"id":2,"op":"hello","version":1,"user":"1003","password":"4321"})")),
              "auth_failed");
}

TEST_F(Protocol, FiveFailedLoginsBlockTheUserForAMinute)
{
    service->onOpen(1, "10.0.0.1");
    for (int i = 0; i < 5; ++i)
        request(1, R"({"id":1,"op":"hello","version":1,"user":"alice","password":"x"})");
    auto r = request(1, R"({"id":2,"op":"hello","version":1,"user":"alice","password":"s3cret"})");
    ASSERT_EQ(errorCode(r), "rate_limited");
    EXPECT_EQ(r->getObject("error")->getValue<core::TimeMs>("retryAfterMs"), 60000);
    now += 60001;
    EXPECT_EQ(errorCode(request(
                  1, R"({"id":3,"op":"hello","version":1,"user":"alice","password":"s3cret"})")),
              "ok");
}

TEST_F(Protocol, ManyFailuresFromOneAddressBlockEveryUserFromIt)
{
    service->onOpen(1, "10.9.9.9");
    for (int i = 0; i < 20; ++i)
        request(1, R"({"id":1,"op":"hello","version":1,"user":"u)" + std::to_string(i)
                       + R"(","password":"x"})");
    EXPECT_EQ(errorCode(request(
                  1, R"({"id":2,"op":"hello","version":1,"user":"carol","password":"sup3rvise"})")),
              "rate_limited");
    service->onOpen(2, "10.0.0.2");
    EXPECT_EQ(errorCode(request(
                  2, R"({"id":2,"op":"hello","version":1,"user":"carol","password":"sup3rvise"})")),
              "ok");
}

TEST_F(Protocol, AnotherProtocolVersionIsUnsupported)
{
    service->onOpen(1, "10.0.0.1");
    EXPECT_EQ(errorCode(request(
                  1, R"({"id":1,"op":"hello","version":2,"user":"alice","password":"s3cret"})")),
              "unsupported_version");
}

TEST_F(Protocol, MalformedJsonIsABadRequestAndTheConnectionLives)
{
    ConnectionId c = connect("carol", "sup3rvise");
    EXPECT_EQ(errorCode(request(c, "{not json")), "bad_request");
    EXPECT_EQ(errorCode(request(c, "[1,2]")), "bad_request");
    EXPECT_EQ(errorCode(request(c, R"({"id":3,"op":"ping"})")), "ok");
    EXPECT_TRUE(transport.closed.empty());
}

TEST_F(Protocol, AnUnknownKeyIsNamed)
{
    ConnectionId c = connect("carol", "sup3rvise");
    auto r = request(c, R"({"id":3,"op":"subscribe","topics":["all"],"topicz":1})");
    ASSERT_EQ(errorCode(r), "bad_request");
    EXPECT_EQ(r->getObject("error")->getValue<std::string>("field"), "topicz");
}

TEST_F(Protocol, AnUnknownOpIsABadRequest)
{
    ConnectionId c = connect("carol", "sup3rvise");
    EXPECT_EQ(errorCode(request(c, R"({"id":3,"op":"teleport"})")), "bad_request");
}

TEST_F(Protocol, AnAgentMayNotSubscribeToEverythingNorToAnotherAgent)
{
    ConnectionId c = connect("alice", "s3cret");
    EXPECT_EQ(errorCode(request(c, R"({"id":2,"op":"subscribe","topics":["all"]})")),
              "forbidden");
    EXPECT_EQ(errorCode(request(c, R"({"id":3,"op":"subscribe","topics":["agent:1002"]})")),
              "forbidden");
    EXPECT_EQ(errorCode(request(c, R"({"id":4,"op":"subscribe","topics":["agent:1001"]})")), "ok");
}

TEST_F(Protocol, ASubscriberGetsEventsWithConsecutiveSequenceNumbers)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    ConnectionId agent = connect("alice", "s3cret");
    ASSERT_EQ(errorCode(request(agent, R"({"id":2,"op":"agent.login","agent":1001,"pin":"1234",
                                          "station":"100","groups":[1]})")),
              "ok");
    auto ev = events(sup);
    ASSERT_GE(ev.size(), 2u);
    for (std::size_t i = 0; i < ev.size(); ++i)
        EXPECT_EQ(ev[i]->getValue<std::uint64_t>("seq"), i + 1);
    EXPECT_EQ(ev[0]->getValue<std::string>("ev"), "session.started");
    EXPECT_EQ(ev[0]->getValue<std::string>("station"), "100");
    EXPECT_LT(ev[0]->getValue<std::uint64_t>("eseq"), ev[1]->getValue<std::uint64_t>("eseq"));
}

TEST_F(Protocol, AQueueSubscriberSeesOnlyThatQueue)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["queue:10"]})");
    engine.callArrived(arrival(1, 20, "0170"), now);
    engine.callArrived(arrival(2, 10, "0171"), now);
    flushEffects();
    auto ev = events(sup);
    ASSERT_FALSE(ev.empty());
    for (auto &e : ev)
        EXPECT_TRUE(!e->has("queue") || e->getValue<int>("queue") == 10) << e->getValue<std::string>("ev");
}

TEST_F(Protocol, ASlowConsumerGetsOneOverflowNoticeAndTheGapIsVisible)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    std::uint64_t before = events(sup).back()->getValue<std::uint64_t>("seq");
    transport.full.insert(sup);
    service->onOverflow(sup);
    engine.callArrived(arrival(2, 10, "0171"), now);
    flushEffects();
    EXPECT_GT(service->counters().eventsDropped, 0u);
    now += 1000;
    engine.callArrived(arrival(3, 10, "0172"), now);
    flushEffects();
    auto ev = events(sup);
    std::size_t notices = 0;
    for (auto &e : ev)
        if (e->getValue<std::string>("ev") == "overflow") {
            ++notices;
            EXPECT_EQ(e->getValue<std::uint64_t>("lastSeq"), before);
            EXPECT_EQ(e->getValue<std::uint64_t>("seq"), before + 1);
        }
    EXPECT_EQ(notices, 1u);
    EXPECT_GE(transport.resumed[sup], 1);
}

TEST_F(Protocol, TheEventsOfOneBurstReachTheFrontInOneCallPerConnection)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    const std::size_t before = events(sup).size();
    transport.sendManyCalls.clear();
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    auto ev = events(sup);
    ASSERT_GE(ev.size(), before + 2); // call.queued, queue.changed, ...
    EXPECT_EQ(transport.sendManyCalls[sup], 1);
    for (std::size_t i = before + 1; i < ev.size(); ++i)
        EXPECT_EQ(ev[i]->getValue<std::uint64_t>("seq"),
                  ev[i - 1]->getValue<std::uint64_t>("seq") + 1);
}

TEST_F(Protocol, SupervisorsFollowingEverythingGetABurstFromOneSharedCopyEachWithItsOwnNumbers)
{
    ConnectionId first = connect("carol", "sup3rvise");
    request(first, R"({"id":2,"op":"subscribe","topics":["all"]})");
    engine.callArrived(arrival(1, 10, "0170"), now); // numbers the first one's events ahead
    flushEffects();
    ConnectionId second = connect("carol", "sup3rvise");
    request(second, R"({"id":2,"op":"subscribe","topics":["all"]})");
    const std::size_t firstBefore = events(first).size();
    transport.numbered.clear();
    engine.callArrived(arrival(2, 10, "0171"), now);
    flushEffects();
    ASSERT_EQ(transport.numbered.size(), 2u);
    EXPECT_EQ(transport.numbered[0].owner, transport.numbered[1].owner); // one copy
    const auto a = events(first);
    const auto b = events(second);
    ASSERT_EQ(a.size() - firstBefore, b.size());
    ASSERT_GE(b.size(), 2u);
    EXPECT_EQ(b.front()->getValue<std::uint64_t>("seq"), 1u);
    EXPECT_EQ(a[firstBefore]->getValue<std::uint64_t>("seq"),
              a[firstBefore - 1]->getValue<std::uint64_t>("seq") + 1);
    for (std::size_t i = 0; i < b.size(); ++i) {
        EXPECT_EQ(a[firstBefore + i]->getValue<std::string>("ev"),
                  b[i]->getValue<std::string>("ev"));
        EXPECT_EQ(a[firstBefore + i]->getValue<std::uint64_t>("eseq"),
                  b[i]->getValue<std::uint64_t>("eseq"));
    }
    EXPECT_TRUE(transport.burstsUnchanged());
}

TEST_F(Protocol, AnEventOfItsOwnInTheMiddleOfASharedBurstKeepsTheStreamInOrder)
{
    ConnectionId both = connect("carol", "sup3rvise");
    request(both, R"({"id":2,"op":"subscribe","topics":["all","intervals"]})");
    ConnectionId all = connect("carol", "sup3rvise");
    request(all, R"({"id":2,"op":"subscribe","topics":["all"]})");
    // One burst: a call, then the 15-minute interval's end (only `both` follows intervals),
    // then another call.
    engine.callArrived(arrival(1, 10, "0170"), now);
    engine.callArrived(arrival(2, 10, "0171"), now + 200'000);
    flushEffects();
    const auto withInterval = events(both);
    const auto without = events(all);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < withInterval.size(); ++i) {
        names.push_back(withInterval[i]->getValue<std::string>("ev"));
        EXPECT_EQ(withInterval[i]->getValue<std::uint64_t>("seq"), i + 1);
        if (i > 0) {
            EXPECT_GT(withInterval[i]->getValue<std::uint64_t>("eseq"),
                      withInterval[i - 1]->getValue<std::uint64_t>("eseq"));
        }
    }
    const auto interval = std::find(names.begin(), names.end(), "interval.closed");
    ASSERT_NE(interval, names.end());
    EXPECT_NE(interval, names.begin());   // the first call's events came before it
    EXPECT_NE(interval + 1, names.end()); // and the second call's after it
    ASSERT_EQ(without.size() + 1, withInterval.size());
    for (std::size_t i = 0, j = 0; i < withInterval.size(); ++i) {
        if (names[i] == "interval.closed")
            continue;
        EXPECT_EQ(without[j]->getValue<std::uint64_t>("eseq"),
                  withInterval[i]->getValue<std::uint64_t>("eseq"));
        EXPECT_EQ(without[j]->getValue<std::uint64_t>("seq"), j + 1);
        ++j;
    }
    EXPECT_TRUE(transport.burstsUnchanged());
}

TEST_F(Protocol, ABurstNobodyCouldTakeIsNotCarriedIntoTheNext)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    transport.full.insert(sup);
    service->onOverflow(sup); // its only follower drops this burst
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    now += 1000;
    flushEffects(); // resumes with the notice
    transport.numbered.clear();
    engine.callArrived(arrival(2, 10, "0171"), now);
    flushEffects();
    ASSERT_EQ(transport.numbered.size(), 1u);
    // The burst handed over holds this call's events only: the run is all of it.
    EXPECT_EQ(transport.numbered[0].view.size(), transport.numbered[0].burstBytes);
}

TEST_F(Protocol, ABurstThatOnlyPartlyFitsGivesBackTheNumbersOfTheEventsItDropped)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    const std::uint64_t before = events(sup).back()->getValue<std::uint64_t>("seq");
    const std::uint64_t droppedBefore = service->counters().eventsDropped;
    transport.room[sup] = 1; // the next burst's first event fits, the others do not
    engine.callArrived(arrival(2, 10, "0171"), now);
    flushEffects();
    EXPECT_EQ(events(sup).back()->getValue<std::uint64_t>("seq"), before + 1);
    EXPECT_GT(service->counters().eventsDropped, droppedBefore);
    now += 1000;
    flushEffects(); // resumes with the notice
    auto last = events(sup).back();
    EXPECT_EQ(last->getValue<std::string>("ev"), "overflow");
    EXPECT_EQ(last->getValue<std::uint64_t>("lastSeq"), before + 1);
    EXPECT_EQ(last->getValue<std::uint64_t>("seq"), before + 2);
}

TEST_F(Protocol, FollowingEverythingPacesTheConnectionAndUnfollowingEndsThePacing)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    EXPECT_EQ(transport.writeIntervalMs.count(sup), 0u);
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    EXPECT_EQ(transport.writeIntervalMs[sup], 10u);
    request(sup, R"({"id":3,"op":"unsubscribe","topics":["all"]})");
    EXPECT_EQ(transport.writeIntervalMs[sup], 0u);
}

TEST_F(Protocol, AConnectionFollowingEverythingAndAQueueGetsEachEventOnce)
{
    ConnectionId everything = connect("carol", "sup3rvise");
    request(everything, R"({"id":2,"op":"subscribe","topics":["all"]})");
    ConnectionId both = connect("carol", "sup3rvise", "10.0.0.2");
    request(both, R"({"id":2,"op":"subscribe","topics":["all","queue:10","agent:1001"]})");
    const std::size_t everythingBefore = events(everything).size();
    const std::size_t bothBefore = events(both).size();
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    EXPECT_GT(events(everything).size(), everythingBefore);
    EXPECT_EQ(events(both).size() - bothBefore, events(everything).size() - everythingBefore);
}

TEST_F(Protocol, AConsumerThatKeepsOverflowingIsClosed)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    for (int i = 0; i < 3; ++i) {
        transport.full.insert(sup);
        engine.callArrived(arrival(10 + i, 10, "0170"), now);
        flushEffects();
        now += 1000;
        flushEffects(); // resumes with the notice
    }
    ASSERT_TRUE(transport.closed.count(sup));
    EXPECT_EQ(transport.closed[sup].first, 1013);
}

TEST_F(Protocol, AResponseThatCannotBeQueuedClosesTheConnection)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    transport.full.insert(sup);
    service->onText(sup, R"({"id":9,"op":"ping"})");
    ASSERT_TRUE(transport.closed.count(sup));
    EXPECT_EQ(transport.closed[sup].first, 1013);
}

TEST_F(Protocol, ASnapshotCarriesTheEffectSequenceItReflects)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    auto r = request(sup, R"({"id":2,"op":"snapshot","scope":"all"})");
    ASSERT_EQ(errorCode(r), "ok");
    auto result = r->getObject("result");
    EXPECT_EQ(result->getValue<std::uint64_t>("eseq"), engine.lastSequence());
    EXPECT_EQ(result->getArray("queues")->size(), 2u);
    EXPECT_EQ(result->getArray("agents")->size(), 2u);
    ASSERT_EQ(result->getArray("calls")->size(), 1u);
    EXPECT_EQ(result->getArray("calls")->getObject(0)->getValue<std::string>("ani"), "0170");
}

TEST_F(Protocol, AQueuedCallCarriesItsCallerAndDialledNumber)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    for (const auto &e : events(sup))
        if (e->getValue<std::string>("ev") == "call.queued") {
            EXPECT_EQ(e->getValue<std::string>("ani"), "0170");
            EXPECT_EQ(e->getValue<std::string>("dnis"), "9000");
            return;
        }
    FAIL() << "no call.queued";
}

TEST_F(Protocol, AFullSnapshotNamesTheReasonCodes)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    auto r = request(sup, R"({"id":2,"op":"snapshot","scope":"all"})");
    ASSERT_EQ(errorCode(r), "ok");
    auto reasons = r->getObject("result")->getArray("reasonCodes");
    ASSERT_TRUE(reasons);
    std::map<int, std::string> names;
    for (std::size_t i = 0; i < reasons->size(); ++i)
        names[reasons->getObject(i)->getValue<int>("code")] =
            reasons->getObject(i)->getValue<std::string>("name");
    EXPECT_EQ(names.at(1), "Lunch");
    EXPECT_EQ(names.count(90), 1u); // the engine's ring-no-answer reason
}

TEST_F(Protocol, AnAgentLogsInWithTheRightPinOnly)
{
    ConnectionId c = connect("alice", "s3cret");
    EXPECT_EQ(errorCode(request(c, R"({"id":2,"op":"agent.login","agent":1001,"pin":"0000",
                                       "station":"100","groups":[1]})")),
              "auth_failed");
    auto r = request(c, R"({"id":3,"op":"agent.login","agent":1001,"pin":"1234",
                           "station":"100","groups":[1]})");
    ASSERT_EQ(errorCode(r), "ok");
    EXPECT_EQ(r->getObject("result")->getArray("sessions")->size(), 1u);
}

TEST_F(Protocol, AnAgentCannotActOnAnotherAgent)
{
    ConnectionId c = connect("alice", "s3cret");
    EXPECT_EQ(errorCode(request(c, R"({"id":2,"op":"agent.setState","agent":1002,
                                       "state":"ready"})")),
              "forbidden");
}

TEST_F(Protocol, ASupervisorsForcedStateIsAuditedWithTheSupervisor)
{
    ConnectionId c = connect("alice", "s3cret");
    request(c, R"({"id":2,"op":"agent.login","agent":1001,"pin":"1234","station":"100",
                   "groups":[1]})");
    ConnectionId sup = connect("carol", "sup3rvise");
    ASSERT_EQ(errorCode(request(sup, R"({"id":3,"op":"agent.setState","agent":1001,
                                         "state":"not-ready","reason":1})")),
              "ok");
    ASSERT_EQ(audits.size(), 1u);
    EXPECT_EQ(audits[0].user, "carol");
    EXPECT_EQ(audits[0].action, "agent.setState");
    EXPECT_EQ(audits[0].object, "agent:1001");
    EXPECT_EQ(engine.agent(1001).value().state, core::AgentStateEx::NotReady);
}

TEST_F(Protocol, AnUnknownStateIsInvalidAndNamesTheField)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    auto r = request(sup, R"({"id":3,"op":"agent.setState","agent":1001,"state":"napping"})");
    ASSERT_EQ(errorCode(r), "invalid");
    EXPECT_EQ(r->getObject("error")->getValue<std::string>("field"), "state");
}

TEST_F(Protocol, ShutdownTellsEveryClientAndClosesWithGoingAway)
{
    ConnectionId a = connect("alice", "s3cret");
    ConnectionId b = connect("carol", "sup3rvise");
    service->shutdown("stopping");
    EXPECT_EQ(transport.closed[a].first, 1001);
    EXPECT_EQ(transport.closed[b].first, 1001);
    EXPECT_EQ(events(a).back()->getValue<std::string>("ev"), "shutdown");
    EXPECT_EQ(service->connectionCount(), 0u);
}

// ---- report --------------------------------------------------------------------------------

class Reports : public Protocol {
protected:
    static std::string json(const Poco::Dynamic::Var &value)
    {
        std::ostringstream out;
        Poco::JSON::Stringifier::stringify(value, out, 0, -1);
        return out.str();
    }
    void SetUp() override
    {
        Protocol::SetUp();
        service->setReportRunner(
            [this](const ReportJob &job, std::function<void(db::Result<db::ReportTable>)> done) {
                jobs.push_back(job);
                pending = std::move(done);
                return accept;
            });
    }
    /// The last message sent to a connection, parsed.
    Poco::JSON::Object::Ptr last(ConnectionId c) { return parse(transport.sent[c].back()); }

    std::vector<ReportJob> jobs;
    std::function<void(db::Result<db::ReportTable>)> pending;
    bool accept = true;
};

TEST_F(Reports, AReportIsAnsweredWhenTheRunnerIsDoneWithItsColumnsAndRows)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    auto r = request(sup, R"({"id":2,"op":"report","kind":"queue-daily","from":"2026-11-01",
                              "to":1793577600000})");
    EXPECT_EQ(r, nullptr); // not answered before the report ran
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_EQ(jobs[0].kind, db::ReportKind::QueueDaily);
    EXPECT_EQ(jobs[0].from, 1793491200000);
    EXPECT_EQ(jobs[0].to, 1793577600000);
    db::ReportTable table;
    table.columns = {"queue_id", "name"};
    table.rows = {{"10", "sales"}, {"20", "support"}};
    pending(table);
    auto response = last(sup);
    EXPECT_EQ(response->getValue<int>("re"), 2);
    ASSERT_TRUE(response->getValue<bool>("ok"));
    auto result = response->getObject("result");
    EXPECT_EQ(result->getValue<std::string>("kind"), "queue-daily");
    EXPECT_EQ(result->getValue<core::TimeMs>("from"), 1793491200000);
    EXPECT_EQ(json(result->get("columns")), R"(["queue_id","name"])");
    EXPECT_EQ(json(result->get("rows")), R"([["10","sales"],["20","support"]])");
}

TEST_F(Reports, ADatabaseErrorIsAnInternalErrorNamingTheReport)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"report","kind":"calls","from":0,"to":1000})");
    pending(db::Status{db::DbError::Io, "disk I/O error"});
    auto response = last(sup);
    EXPECT_EQ(errorCode(response), "internal");
    EXPECT_EQ(response->getObject("error")->getValue<std::string>("message"),
              "report calls: disk I/O error");
}

TEST_F(Reports, AnAnswerForAConnectionThatClosedMeanwhileIsDropped)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"report","kind":"calls","from":0,"to":1000})");
    std::size_t sent = transport.sent[sup].size();
    service->onClose(sup);
    pending(db::ReportTable{});
    EXPECT_EQ(transport.sent[sup].size(), sent);
}

TEST_F(Reports, AgentsMayNotRunReports)
{
    ConnectionId c = connect("alice", "s3cret");
    EXPECT_EQ(errorCode(request(c, R"({"id":2,"op":"report","kind":"calls","from":0,"to":1})")),
              "forbidden");
    EXPECT_TRUE(jobs.empty());
}

TEST_F(Reports, AnUnknownKindAndAnEmptyRangeAreRefusedNamingTheField)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    auto kind = request(sup, R"({"id":2,"op":"report","kind":"weekly","from":0,"to":1})");
    EXPECT_EQ(errorCode(kind), "bad_request");
    EXPECT_EQ(kind->getObject("error")->getValue<std::string>("field"), "kind");
    auto range = request(sup, R"({"id":3,"op":"report","kind":"calls","from":5,"to":5})");
    EXPECT_EQ(errorCode(range), "invalid");
    EXPECT_EQ(range->getObject("error")->getValue<std::string>("field"), "to");
    auto time = request(sup, R"({"id":4,"op":"report","kind":"calls","from":"yesterday","to":5})");
    EXPECT_EQ(errorCode(time), "invalid");
    EXPECT_EQ(time->getObject("error")->getValue<std::string>("field"), "from");
    EXPECT_TRUE(jobs.empty());
}

TEST_F(Reports, ABusyRunnerMakesTheRequestOverloaded)
{
    accept = false;
    ConnectionId sup = connect("carol", "sup3rvise");
    EXPECT_EQ(errorCode(request(sup, R"({"id":2,"op":"report","kind":"calls","from":0,"to":1})")),
              "overloaded");
}

// ---- the stats topic -------------------------------------------------------------------------

class Stats : public Protocol {
protected:
    /// The stats events sent to `c` since the last call, as "queue.stats 10" / "agent.stats 1001".
    std::vector<std::string> statsSince(ConnectionId c)
    {
        std::vector<std::string> out;
        auto &sent = transport.sent[c];
        for (; seen < sent.size(); ++seen) {
            auto o = parse(sent[seen]);
            if (!o->has("ev"))
                continue;
            const std::string ev = o->getValue<std::string>("ev");
            if (ev == "queue.stats")
                out.push_back(ev + " " + o->getObject("queue")->getValue<std::string>("id"));
            else if (ev == "agent.stats")
                out.push_back(ev + " " + o->getObject("agent")->getValue<std::string>("id"));
        }
        return out;
    }
    ConnectionId subscribedSupervisor()
    {
        ConnectionId sup = connect("carol", "sup3rvise");
        EXPECT_EQ(errorCode(request(sup, R"({"id":2,"op":"subscribe","topics":["stats"]})")),
                  "ok");
        service->tick(); // the first tick sends every queue once
        EXPECT_EQ(statsSince(sup),
                  (std::vector<std::string>{"queue.stats 10", "queue.stats 20"}));
        return sup;
    }
    /// A call arrives at queue 10, then a tick 100 ms later.
    void callArrivesAndTick()
    {
        engine.callArrived(arrival(1, 10, "0170"), now);
        flushEffects();
        now += 100;
        service->tick();
    }
    /// Alice logs agent 1001 in at station 100, then a tick 100 ms later.
    void logAliceInAndTick()
    {
        ConnectionId alice = connect("alice", "s3cret");
        ASSERT_EQ(errorCode(request(alice, R"({"id":2,"op":"agent.login","agent":1001,
                                               "pin":"1234","station":"100","groups":[1]})")),
                  "ok");
        now += 100;
        service->tick();
    }
    /// The object with `id` in the `list` ("queues", "agents") of a full snapshot `c` asks for;
    /// null when there is none.
    Poco::JSON::Object::Ptr snapshotObject(ConnectionId c, const std::string &list, int id)
    {
        auto r = request(c, R"({"id":90,"op":"snapshot","scope":"all"})");
        if (errorCode(r) != "ok")
            return nullptr;
        auto objects = r->getObject("result")->getArray(list);
        for (std::size_t i = 0; i < objects->size(); ++i)
            if (objects->getObject(i)->getValue<int>("id") == id)
                return objects->getObject(i);
        return nullptr;
    }
    /// A parsed object written out again: parsed objects sort their keys, so two with the
    /// same fields and values give the same text.
    static std::string written(const Poco::JSON::Object::Ptr &object)
    {
        std::ostringstream out;
        object->stringify(out);
        return out.str();
    }
    std::size_t seen = 0;
};

TEST_F(Stats, OnlyTheQueueWhoseFiguresChangedIsSentAtTheNextTick)
{
    ConnectionId sup = subscribedSupervisor();
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    EXPECT_TRUE(statsSince(sup).empty()); // coalesced until the tick
    now += 100;
    service->tick();
    EXPECT_EQ(statsSince(sup), (std::vector<std::string>{"queue.stats 10"}));
    auto event = parse(transport.sent[sup].back());
    EXPECT_EQ(event->getObject("queue")->getValue<int>("waiting"), 1);
    EXPECT_EQ(event->getValue<std::uint64_t>("eseq"), engine.lastSequence());
}

TEST_F(Stats, AWaitThatOnlyAgesIsNotSentAgain)
{
    ConnectionId sup = subscribedSupervisor();
    callArrivesAndTick();
    statsSince(sup);
    now += 5000;
    service->tick();
    EXPECT_TRUE(statsSince(sup).empty());
}

TEST_F(Stats, AnAgentLoggingInSendsTheAgentAndTheQueuesItStaffs)
{
    ConnectionId sup = subscribedSupervisor();
    logAliceInAndTick();
    EXPECT_EQ(statsSince(sup), (std::vector<std::string>{"queue.stats 10", "queue.stats 20",
                                                          "agent.stats 1001"}));
}

TEST_F(Stats, AQueuesStatsEventCarriesWhatTheSnapshotSaysOfIt)
{
    ConnectionId sup = subscribedSupervisor();
    callArrivesAndTick();
    ASSERT_EQ(statsSince(sup), (std::vector<std::string>{"queue.stats 10"}));
    const auto event = parse(transport.sent[sup].back());
    const auto inSnapshot = snapshotObject(sup, "queues", 10);
    ASSERT_TRUE(inSnapshot);
    // Both parsed (keys sorted) and written out again: the same fields, the same values.
    EXPECT_EQ(written(event->getObject("queue")), written(inSnapshot));
}

TEST_F(Stats, AnAgentsStatsEventCarriesWhatTheSnapshotSaysOfIt)
{
    ConnectionId sup = subscribedSupervisor();
    logAliceInAndTick();
    ASSERT_EQ(statsSince(sup).back(), "agent.stats 1001");
    const auto event = parse(transport.sent[sup].back());
    const auto inSnapshot = snapshotObject(sup, "agents", 1001);
    ASSERT_TRUE(inSnapshot);
    ASSERT_EQ(inSnapshot->getArray("sessions")->size(), 1u);
    EXPECT_EQ(written(event->getObject("agent")), written(inSnapshot));
}

TEST_F(Stats, SubscribersGetTheStatsFromOneSharedCopyEachInItsOwnNumbering)
{
    ConnectionId first = connect("carol", "sup3rvise");
    ASSERT_EQ(errorCode(request(first, R"({"id":2,"op":"subscribe","topics":["all","stats"]})")),
              "ok");
    engine.callArrived(arrival(1, 10, "0170"), now); // numbers the first one's events ahead
    flushEffects();
    service->tick();
    ConnectionId second = connect("carol", "sup3rvise");
    ASSERT_EQ(errorCode(request(second, R"({"id":2,"op":"subscribe","topics":["stats"]})")), "ok");
    service->tick(); // every queue to the newcomer
    const std::size_t firstBefore = events(first).size();
    const std::size_t secondBefore = events(second).size();
    transport.numbered.clear();
    engine.callArrived(arrival(2, 20, "0171"), now);
    flushEffects();
    now += 100;
    service->tick();
    // The first gets the call's events and then the queue's figures, the second the figures
    // only: the same copy for both.
    ASSERT_EQ(transport.numbered.size(), 3u);
    EXPECT_EQ(transport.numbered[1].connection, first);
    EXPECT_EQ(transport.numbered[2].connection, second);
    EXPECT_EQ(transport.numbered[1].owner, transport.numbered[2].owner);
    const auto a = events(first);
    const auto b = events(second);
    ASSERT_EQ(secondBefore, 2u);
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(b[2]->getValue<std::string>("ev"), "queue.stats");
    EXPECT_EQ(b[2]->getObject("queue")->getValue<int>("id"), 20);
    EXPECT_EQ(b[2]->getValue<std::uint64_t>("seq"), 3u);
    EXPECT_EQ(written(a.back()->getObject("queue")), written(b[2]->getObject("queue")));
    ASSERT_GT(a.size(), firstBefore + 1);
    for (std::size_t i = firstBefore; i < a.size(); ++i)
        EXPECT_EQ(a[i]->getValue<std::uint64_t>("seq"),
                  a[i - 1]->getValue<std::uint64_t>("seq") + 1);
    EXPECT_TRUE(transport.burstsUnchanged());
}

TEST_F(Stats, ALaterSubscriberGetsEveryQueueAtItsFirstTickAndOnlyItDoes)
{
    ConnectionId first = subscribedSupervisor();
    ConnectionId second = connect("carol", "sup3rvise");
    ASSERT_EQ(errorCode(request(second, R"({"id":2,"op":"subscribe","topics":["stats"]})")), "ok");
    ASSERT_EQ(errorCode(request(second, R"({"id":3,"op":"unsubscribe","topics":["stats"]})")),
              "ok");
    ASSERT_EQ(errorCode(request(second, R"({"id":4,"op":"subscribe","topics":["stats"]})")), "ok");
    callArrivesAndTick();
    EXPECT_EQ(statsSince(first), (std::vector<std::string>{"queue.stats 10"}));
    std::vector<std::string> secondGot;
    for (const auto &e : events(second))
        secondGot.push_back(e->getValue<std::string>("ev") + " "
                            + e->getObject("queue")->getValue<std::string>("id"));
    EXPECT_EQ(secondGot, (std::vector<std::string>{"queue.stats 10", "queue.stats 20"}));
    now += 100;
    service->tick();
    EXPECT_TRUE(statsSince(first).empty());
    EXPECT_EQ(events(second).size(), 2u);
}

TEST_F(Stats, AnAgentsChangesGoOutTogetherAHundredMillisecondsAfterTheFirst)
{
    ConnectionId sup = subscribedSupervisor();
    // The agent's figures sent since the last look (queues are another matter here).
    auto agentStats = [&] {
        std::vector<std::string> agents;
        for (const std::string &e : statsSince(sup))
            if (e.rfind("agent.stats", 0) == 0)
                agents.push_back(e);
        return agents;
    };
    ConnectionId alice = connect("alice", "s3cret");
    ASSERT_EQ(errorCode(request(alice, R"({"id":2,"op":"agent.login","agent":1001,
                                           "pin":"1234","station":"100","groups":[1]})")),
              "ok");
    for (int tick = 1; tick <= 4; ++tick) { // 20 to 80 ms after the login: not yet
        now += 20;
        service->tick();
        EXPECT_TRUE(agentStats().empty()) << tick * 20 << " ms after";
        if (tick == 2) {
            ASSERT_EQ(errorCode(request(alice, R"({"id":3,"op":"agent.setState","agent":1001,
                                                   "state":"ready","nextState":"ready"})")),
                      "ok");
        }
    }
    now += 20; // 100 ms after the login: the login and the state change in one
    service->tick();
    ASSERT_EQ(agentStats(), std::vector<std::string>{"agent.stats 1001"});
    EXPECT_EQ(parse(transport.sent[sup].back())->getObject("agent")->getValue<std::string>("state"),
              "ready");
    now += 100;
    service->tick();
    EXPECT_TRUE(agentStats().empty());
}

TEST_F(Stats, QueuesAreComparedAtMostEveryHundredMilliseconds)
{
    ConnectionId sup = subscribedSupervisor();
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    now += 40;
    service->tick();
    EXPECT_TRUE(statsSince(sup).empty());
    now += 60;
    service->tick();
    EXPECT_EQ(statsSince(sup), (std::vector<std::string>{"queue.stats 10"}));
}

TEST_F(Stats, AgentsMayNotSubscribeToStats)
{
    ConnectionId c = connect("alice", "s3cret");
    EXPECT_EQ(errorCode(request(c, R"({"id":2,"op":"subscribe","topics":["stats"]})")),
              "forbidden");
}

TEST_F(Stats, StatsEventsAreNotPartOfAll)
{
    ConnectionId sup = connect("carol", "sup3rvise");
    request(sup, R"({"id":2,"op":"subscribe","topics":["all"]})");
    engine.callArrived(arrival(1, 10, "0170"), now);
    flushEffects();
    now += 1000;
    service->tick();
    EXPECT_TRUE(statsSince(sup).empty());
}


// ---- hello's password check off the engine thread -------------------------------------------

class DeferredHello : public Protocol {
protected:
    void SetUp() override
    {
        Protocol::SetUp();
        service->setSecretChecker(
            [this](std::string secret, std::string hash, std::function<void(bool)> done) {
                checks.push_back({std::move(secret), std::move(hash), std::move(done)});
                return true;
            });
    }
    /// Runs the oldest waiting check (as the worker would) and hands the result back.
    void finishCheck()
    {
        ASSERT_FALSE(checks.empty());
        Check check = std::move(checks.front());
        checks.erase(checks.begin());
        check.done(db::verifySecret(check.secret, check.hash));
    }
    std::vector<std::string> responseIds(ConnectionId c)
    {
        std::vector<std::string> out;
        for (const std::string &text : transport.sent[c]) {
            auto o = parse(text);
            if (o->has("re"))
                out.push_back(o->get("re").toString() + ":" + errorCode(o));
        }
        return out;
    }
    struct Check {
        std::string secret;
        std::string hash;
        std::function<void(bool)> done;
    };
    std::vector<Check> checks;
};

TEST_F(DeferredHello, HelloIsAnsweredWhenTheCheckIsDoneAndLaterRequestsWaitInOrder)
{
    service->onOpen(1, "10.0.0.1");
    service->onText(1, R"({"id":1,"op":"hello","version":1,"user":"carol","password":"sup3rvise"})");
    service->onText(1, R"({"id":2,"op":"ping"})");
    service->onText(1, R"({"id":3,"op":"subscribe","topics":["all"]})");
    EXPECT_TRUE(responseIds(1).empty()); // nothing before the check is done
    ASSERT_EQ(checks.size(), 1u);
    finishCheck();
    EXPECT_EQ(responseIds(1), (std::vector<std::string>{"1:ok", "2:ok", "3:ok"}));
}

TEST_F(DeferredHello, AFailedCheckIsAuthFailedAndRequestsAfterItAreUnauthenticated)
{
    service->onOpen(1, "10.0.0.1");
    service->onText(1, R"({"id":1,"op":"hello","version":1,"user":"carol","password":"nope"})");
    service->onText(1, R"({"id":2,"op":"snapshot"})");
    finishCheck();
    EXPECT_EQ(responseIds(1), (std::vector<std::string>{"1:auth_failed", "2:unauthenticated"}));
    EXPECT_EQ(service->counters().loginFailures, 1u);
}

TEST_F(DeferredHello, ACheckThatEndsAfterTheClientLeftChangesNothing)
{
    service->onOpen(1, "10.0.0.1");
    service->onText(1, R"({"id":1,"op":"hello","version":1,"user":"carol","password":"sup3rvise"})");
    service->onClose(1);
    finishCheck();
    EXPECT_TRUE(responseIds(1).empty());
    EXPECT_EQ(service->connectionCount(), 0u);
}

TEST_F(DeferredHello, AClientFloodingBeforeItsHelloIsAnsweredIsClosed)
{
    service->onOpen(1, "10.0.0.1");
    service->onText(1, R"({"id":1,"op":"hello","version":1,"user":"carol","password":"sup3rvise"})");
    for (int i = 0; i < 65; ++i)
        service->onText(1, R"({"id":2,"op":"ping"})");
    ASSERT_TRUE(transport.closed.count(1));
    EXPECT_EQ(transport.closed[1].first, 1008);
}

} // namespace
} // namespace acd::server::test
