// Reports: exact values, CSV, times, and the acd-report tool.
#include "db/report.h"
#include "db_fixture.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace acd::db::test {
namespace {

TEST(ReportTable, CsvQuotesOnlyCellsThatNeedIt) {
    ReportTable t;
    t.columns = {"a", "b"};
    t.rows = {{"plain", "with,comma"}, {"say \"hi\"", "line\nbreak"}};
    EXPECT_EQ(t.toCsv(), "a,b\r\nplain,\"with,comma\"\r\n\"say \"\"hi\"\"\",\"line\nbreak\"\r\n");
}

TEST(ReportTime, FormatsAndParsesUtc) {
    EXPECT_EQ(formatTime(kT0), "2023-11-14T22:30:00Z");
    EXPECT_EQ(parseTime("2023-11-14T22:30:00Z"), kT0);
    EXPECT_EQ(parseTime("2023-11-14T22:30"), kT0);
    EXPECT_EQ(parseTime("2023-11-14"), kT0 - (22 * 3600 + 30 * 60) * 1000LL);
    EXPECT_EQ(parseTime(std::to_string(kT0)), kT0);
    EXPECT_FALSE(parseTime("2023-13-01").has_value());
    EXPECT_FALSE(parseTime("yesterday").has_value());
}

TEST(ReportKinds, EveryKindHasAName) {
    for (int i = 0; i < kReportKindCount; ++i) {
        const auto kind = static_cast<ReportKind>(i);
        EXPECT_EQ(reportKindFromString(toString(kind)), kind);
    }
}

class Reports : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ConfigSet c;
        c.skills.push_back({1, "english"});
        c.groups.push_back({1, {}, "inbound"});
        QueueConfig q;
        q.id = 10;
        q.name = "sales";
        q.group = 1;
        q.skill = {1, 1};
        q.serviceLevelSeconds = 20;
        c.queues.push_back(q);
        AgentConfig a;
        a.id = 1001;
        a.name = "Alice";
        a.pinHash = "pbkdf2-sha256$1$00$00";
        c.agents.push_back(a);
        c.reasonCodes = {{1, "Lunch"}, {2, "Meeting"}};
        ASSERT_TRUE(store->saveConfig(c));
    }

    AgentStateChanged toActivity(AgentActivity activity, ReasonCode reason) {
        AgentStateChanged e{};
        e.agent = 1001;
        e.state =
            activity == AgentActivity::NotReady ? AgentStateEx::NotReady : AgentStateEx::Ready;
        e.activity = activity;
        e.reason = reason;
        return e;
    }
};

TEST_F(Reports, QueueIntervalsShowCountsAndTheCoresKpis) {
    auto r = std::make_shared<IntervalReport>();
    r->start = kT0;
    r->end = kT0 + kInterval;
    QueueCounters c;
    c.offered = 5;
    c.answered = 3;
    c.answeredInSl = 2;
    c.abandoned = 1;
    c.handled = 3;
    c.waitAnsweredMs = 30000;
    c.waitAbandonedMs = 4000;
    c.maxWaitMs = 21000;
    c.talkMs = 270000;
    c.wrapMs = 30000;
    r->queues.push_back({10, c});
    EffectLog log;
    log.add(kT0 + kInterval, IntervalClosed{r});
    write(log);
    auto table = store->report(ReportKind::QueueIntervals, {kT0, kT0 + kInterval});
    ASSERT_TRUE(table) << table.status().message();
    EXPECT_EQ(table.value().toCsv(),
              "interval_start,queue_id,queue,offered,answered,abandoned,abandoned_short,"
              "flowed_in,flowed_out,disconnected,handled,service_level_pct,asa_s,"
              "avg_abandon_s,aht_s,abandon_rate_pct,max_wait_s\r\n"
              "2023-11-14T22:30:00Z,10,sales,5,3,1,0,0,0,0,3,50.00,10.00,4.00,100.00,25.00,"
              "21.00\r\n");
}

TEST_F(Reports, ReasonCodeReportSumsNotReadyTimeClippedToTheRange) {
    EffectLog log;
    log.add(kT0 - 60000, toActivity(AgentActivity::NotReady, 1)) // began before the range
        .add(kT0 + 60000, toActivity(AgentActivity::Available, 0))
        .add(kT0 + 120000, toActivity(AgentActivity::NotReady, 2))
        .add(kT0 + 150000, toActivity(AgentActivity::Available, 0))
        .add(kT0 + 200000, toActivity(AgentActivity::NotReady, 1)); // still at the range end
    write(log);
    auto table = store->report(ReportKind::ReasonCodes, {kT0, kT0 + 300000});
    ASSERT_TRUE(table) << table.status().message();
    EXPECT_EQ(table.value().toCsv(), "agent_id,agent,reason_code,reason,times,not_ready_s\r\n"
                                     "1001,Alice,1,Lunch,2,160.00\r\n"
                                     "1001,Alice,2,Meeting,1,30.00\r\n");
}

TEST_F(Reports, CallSummaryIsComputedFromTheCallRecords) {
    EffectLog log;
    log.add(kT0, CallQueued{1, 10, 1, false})
        .add(kT0 + 10000,
             CallCompleted{1, 10, 1001, Disposition::Answered, kT0, 10000, 1000, 50000, 0})
        .add(kT0, CallQueued{2, 10, 1, false})
        .add(kT0 + 30000,
             CallCompleted{2, 10, 1001, Disposition::Answered, kT0, 30000, 1000, 70000, 0})
        .add(kT0 + 30000, WrapUpEnded{1001, 2, 10, 20000})
        .add(kT0, CallQueued{3, 10, 1, false})
        .add(kT0 + 8000, CallCompleted{3, 10, 0, Disposition::Abandoned, kT0, 8000, 0, 0, 0});
    write(log);
    auto table = store->report(ReportKind::CallSummary, {kT0, kT0 + kDay});
    ASSERT_TRUE(table) << table.status().message();
    EXPECT_EQ(table.value().toCsv(),
              "queue_id,queue,calls,answered,abandoned,disconnected,service_level_pct,asa_s,"
              "avg_abandon_s,aht_s,abandon_rate_pct,max_wait_s\r\n"
              "10,sales,3,2,1,0,33.33,20.00,8.00,70.00,33.33,30.00\r\n");
}

TEST_F(Reports, AnEmptyOrReversedRangeIsRefused) {
    auto table = store->report(ReportKind::Queue, {kT0, kT0});
    ASSERT_FALSE(table);
    EXPECT_EQ(table.status().message(), "report queue: range end 2023-11-14T22:30:00Z is not "
                                        "after its start 2023-11-14T22:30:00Z");
}

TEST_F(Reports, TheCommandLineToolWritesCsv) {
    EffectLog log;
    log.add(kT0, CallQueued{1, 10, 1, false})
        .add(kT0 + 8000, CallCompleted{1, 10, 0, Disposition::Abandoned, kT0, 8000, 0, 0, 0});
    write(log);
    store.reset();
    const std::string out = dir.file("calls.csv");
    const std::string command = std::string(ACD_REPORT_BINARY) + " --db " + path
                                + " calls --from 2023-11-14 --to 2023-11-15 --csv --out " + out;
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(),
              "call_id,ani,dnis,entry_queue_id,queue_id,agent_id,arrived,offered,answered,ended,"
              "wait_s,ring_s,talk_s,hold_s,wrap_s,overflows,disposition\r\n"
              "1,,,10,10,0,2023-11-14T22:30:00Z,,,2023-11-14T22:30:08Z,8.00,0.00,0.00,0.00,0.00,"
              "0,abandoned\r\n");
}

TEST_F(Reports, TheCommandLineToolImportsNothingFromABadConfigAndNamesEachError) {
    const std::string bad = dir.file("bad.json");
    {
        std::ofstream out(bad);
        out << R"({"skills": [{"id": 1, "name": "english"}], "queues": [{"id": 10, "name": )"
               R"("sales", "group": 1, "skill": 1, "strategy": "fastest"}]})";
    }
    store.reset();
    const std::string errors = dir.file("errors.txt");
    const std::string command =
        std::string(ACD_REPORT_BINARY) + " --db " + path + " config-import " + bad + " 2>" + errors;
    EXPECT_NE(std::system(command.c_str()), 0);
    std::ifstream in(errors);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), bad + ": queues[0] 'sales': field strategy: unknown value 'fastest'\n"
                              + bad + ": queues[0] 'sales': field group: unknown group 1\n"
                              + "acd-report: 2 error(s); nothing imported\n");
    store = openStore(path);
    auto config = store->loadConfig();
    ASSERT_TRUE(config);
    EXPECT_EQ(config.value().queues.size(), 1u); // still the configuration from SetUp
}

TEST_F(Reports, TheCommandLineToolRefusesAMissingDatabase) {
    const std::string command = std::string(ACD_REPORT_BINARY) + " --db " + dir.file("nope.db")
                                + " queue --from 2023-11-14 --to 2023-11-15 2>/dev/null";
    EXPECT_NE(std::system(command.c_str()), 0);
}

} // namespace
} // namespace acd::db::test
