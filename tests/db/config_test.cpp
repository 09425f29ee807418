// Stored configuration: round trips, PIN hashing, loading into the core engine.
#include "db_fixture.h"

#include "core/calendar.h"
#include "core/engine.h"
#include "db/json_config.h"
#include "db/secret_hash.h"

#include <fstream>
#include <sstream>

namespace acd::db::test {
namespace {

constexpr int kFastIterations = 1000; // tests only: keeps hashing quick

std::string exampleConfigText() {
    std::ifstream in(ACD_DB_EXAMPLES_DIR "/config.json");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

ConfigSet exampleConfig() {
    ConfigParse parsed = parseConfigJson(exampleConfigText(), kFastIterations);
    EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0]);
    return parsed.config;
}

void expectSameConfig(const ConfigSet &a, const ConfigSet &b) {
    ASSERT_EQ(a.skills.size(), b.skills.size());
    for (std::size_t i = 0; i < a.skills.size(); ++i) {
        EXPECT_EQ(a.skills[i].id, b.skills[i].id);
        EXPECT_EQ(a.skills[i].name, b.skills[i].name);
    }
    ASSERT_EQ(a.groups.size(), b.groups.size());
    for (std::size_t i = 0; i < a.groups.size(); ++i) {
        EXPECT_EQ(a.groups[i].id, b.groups[i].id);
        EXPECT_EQ(a.groups[i].name, b.groups[i].name);
        EXPECT_EQ(a.groups[i].guid, b.groups[i].guid);
    }
    ASSERT_EQ(a.queues.size(), b.queues.size());
    for (std::size_t i = 0; i < a.queues.size(); ++i) {
        const QueueConfig &x = a.queues[i];
        const QueueConfig &y = b.queues[i];
        EXPECT_EQ(std::tie(x.id, x.name, x.group, x.skill, x.strategy, x.serviceLevelSeconds,
                           x.shortAbandonSeconds, x.maxLength, x.maxWaitSeconds, x.overflowQueue,
                           x.overflowWhenNoAgents, x.wrapUpSeconds, x.ringTimeoutSeconds,
                           x.measurementPeriodSeconds, x.relaxation, x.openHours, x.holidays,
                           x.timeZone, x.closedQueue),
                  std::tie(y.id, y.name, y.group, y.skill, y.strategy, y.serviceLevelSeconds,
                           y.shortAbandonSeconds, y.maxLength, y.maxWaitSeconds, y.overflowQueue,
                           y.overflowWhenNoAgents, y.wrapUpSeconds, y.ringTimeoutSeconds,
                           y.measurementPeriodSeconds, y.relaxation, y.openHours, y.holidays,
                           y.timeZone, y.closedQueue));
    }
    ASSERT_EQ(a.agents.size(), b.agents.size());
    for (std::size_t i = 0; i < a.agents.size(); ++i) {
        EXPECT_EQ(a.agents[i].id, b.agents[i].id);
        EXPECT_EQ(a.agents[i].name, b.agents[i].name);
        EXPECT_EQ(a.agents[i].pinHash, b.agents[i].pinHash);
        EXPECT_EQ(a.agents[i].skills, b.agents[i].skills);
        EXPECT_EQ(a.agents[i].measurementPeriodSeconds, b.agents[i].measurementPeriodSeconds);
    }
    EXPECT_EQ(a.reasonCodes, b.reasonCodes);
    EXPECT_EQ(a.stations, b.stations);
    EXPECT_EQ(a.routePoints, b.routePoints);
    EXPECT_EQ(a.users, b.users);
}

using ConfigTest = StoreTest;

TEST_F(ConfigTest, TheExampleFileParsesWithEveryField) {
    const ConfigSet c = exampleConfig();
    ASSERT_EQ(c.queues.size(), 2u);
    const QueueConfig &sales = c.queues[0];
    EXPECT_EQ(sales.name, "sales");
    EXPECT_EQ(sales.skill, (SkillRequirement{1, 5}));
    EXPECT_EQ(sales.maxWaitSeconds, 300);
    EXPECT_EQ(sales.overflowQueue, 20u);
    EXPECT_FALSE(sales.overflowWhenNoAgents);
    EXPECT_EQ(sales.ringTimeoutSeconds, 15);
    ASSERT_EQ(sales.relaxation.size(), 2u);
    EXPECT_EQ(sales.relaxation[1], (RelaxationStep{60, RelaxAction::RaisePriority, 2}));
    EXPECT_EQ(c.queues[1].strategy, Strategy::MostSkilled);
    EXPECT_EQ(c.queues[1].serviceLevelSeconds, 20); // the core's default
    EXPECT_EQ(guidToString(c.groups[0].guid), "6b29fc40-ca47-1067-b31d-00dd010662da");
    EXPECT_EQ(c.groups[0].guid.bytes[0], 0x40); // Data1 is little-endian in memory
    EXPECT_EQ(c.users[1].role, Role::Supervisor);
    EXPECT_EQ(c.reasonCodes.at(2), "Meeting");
    ASSERT_EQ(c.routePoints.size(), 2u);
    EXPECT_EQ(c.routePoints[1], (RoutePointConfig{"9001", "Support line", 20, 1}));
}

TEST_F(ConfigTest, TheStoredConfigurationReadsBackEqual) {
    const ConfigSet c = exampleConfig();
    Status s = store->saveConfig(c);
    ASSERT_TRUE(s) << s.message();
    auto loaded = store->loadConfig();
    ASSERT_TRUE(loaded) << loaded.status().message();
    expectSameConfig(c, loaded.value());
}

TEST_F(ConfigTest, SavingAgainReplacesTheWholeConfiguration) {
    ConfigSet c = exampleConfig();
    ASSERT_TRUE(store->saveConfig(c));
    c.queues.pop_back();
    c.queues[0].overflowQueue = 0;
    c.routePoints.pop_back(); // it entered the removed queue
    c.agents.pop_back();
    ASSERT_TRUE(store->saveConfig(c));
    auto loaded = store->loadConfig();
    ASSERT_TRUE(loaded);
    expectSameConfig(c, loaded.value());
}

TEST_F(ConfigTest, ExportedJsonImportsBackEqual) {
    const ConfigSet c = exampleConfig();
    const std::string json = toConfigJson(c);
    ConfigParse again = parseConfigJson(json, kFastIterations);
    ASSERT_TRUE(again.ok()) << again.errors[0];
    expectSameConfig(c, again.config);
}

/// The example with business hours on sales: Monday to Friday 08:00-18:00 and Saturday
/// mornings in Paris, closed on Christmas, calls going to support meanwhile.
ConfigSet withBusinessHours() {
    ConfigSet c = exampleConfig();
    QueueConfig &sales = c.queues[0];
    sales.timeZone = "Europe/Paris";
    for (int day = 0; day < 5; ++day)
        sales.openHours.push_back({day, 8 * 60, 18 * 60});
    sales.openHours.push_back({5, 9 * 60, 12 * 60});
    sales.holidays = {*core::dayNumber("2026-12-25")};
    sales.closedQueue = 20;
    return c;
}

TEST_F(ConfigTest, BusinessHoursReadBackEqualFromTheDatabase) {
    const ConfigSet c = withBusinessHours();
    ASSERT_TRUE(store->saveConfig(c));
    auto loaded = store->loadConfig();
    ASSERT_TRUE(loaded) << loaded.status().message();
    expectSameConfig(c, loaded.value());
}

TEST_F(ConfigTest, BusinessHoursExportGroupingDaysWithTheSameHoursAndImportBackEqual) {
    const ConfigSet c = withBusinessHours();
    const std::string json = toConfigJson(c);
    std::string compact; // the export is indented
    for (char ch : json)
        if (ch != ' ' && ch != '\n')
            compact += ch;
    EXPECT_NE(compact.find(R"("openHours":[{"days":["mon","tue","wed","thu","fri"],"from":"08:00",)"
                        R"("to":"18:00"},{"days":["sat"],"from":"09:00","to":"12:00"}])"),
              std::string::npos)
        << json;
    EXPECT_NE(compact.find(R"("holidays":["2026-12-25"])"), std::string::npos);
    ConfigParse again = parseConfigJson(json, kFastIterations);
    ASSERT_TRUE(again.ok()) << again.errors[0];
    expectSameConfig(c, again.config);
}

TEST_F(ConfigTest, PinsAreStoredAsSaltedHashesThatVerify) {
    const ConfigSet c = exampleConfig();
    const std::string &alice = c.agents[0].pinHash;
    EXPECT_EQ(alice.rfind("pbkdf2-sha256$1000$", 0), 0u) << alice;
    EXPECT_TRUE(verifySecret("1234", alice));
    EXPECT_FALSE(verifySecret("1235", alice));
    EXPECT_NE(hashSecret("1234", kFastIterations), hashSecret("1234", kFastIterations));
    EXPECT_TRUE(verifySecret("s3cret", c.users[0].passwordHash));
}

TEST_F(ConfigTest, TheExportNeverContainsAClearPinOrPassword) {
    const std::string json = toConfigJson(exampleConfig());
    EXPECT_EQ(json.find("\"pin\""), std::string::npos);
    EXPECT_EQ(json.find("\"password\""), std::string::npos);
    EXPECT_EQ(json.find("s3cret"), std::string::npos);
    EXPECT_NE(json.find("\"pinHash\": \"pbkdf2-sha256$"), std::string::npos);
}

TEST_F(ConfigTest, TheLoaderGivesTheEngineEveryQueueAgentAndReasonCode) {
    ASSERT_TRUE(store->saveConfig(exampleConfig()));
    auto loaded = store->loadConfig();
    ASSERT_TRUE(loaded);
    Engine engine;
    Status s = loadIntoEngine(loaded.value(), engine);
    ASSERT_TRUE(s) << s.message();
    EXPECT_EQ(engine.queueIds(), (std::vector<QueueId>{10, 20}));
    EXPECT_EQ(engine.agentIds(), (std::vector<AgentId>{1001, 1002}));
    EXPECT_EQ(engine.config().reasonCodes.count(1), 1u);
    auto sales = engine.queue(10);
    ASSERT_TRUE(sales);
    EXPECT_EQ(sales.value().name, "sales");
    auto alice = engine.agent(1001);
    ASSERT_TRUE(alice);
    EXPECT_EQ(alice.value().name, "Alice");
}

TEST_F(ConfigTest, TheLoaderNamesTheItemTheEngineRejects) {
    ConfigSet c = exampleConfig();
    c.queues[0].group = 77; // not validated here: the engine must catch it
    Engine engine;
    Status s = loadIntoEngine(c, engine);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.message().rfind("queue 10 'sales': ", 0), 0u) << s.message();
}

} // namespace
} // namespace acd::db::test
