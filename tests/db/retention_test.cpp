// Purging records older than N days, in small transactions.
#include "db_fixture.h"

namespace acd::db::test {
namespace {

using Retention = StoreTest;

TEST_F(Retention, PurgeDeletesOnlyOldRecordsInTransactionsOfTheGivenSize) {
    EffectLog log;
    // 25 completed calls 10 days ago, 3 today, one old call still in progress.
    const TimeMs old = kT0 - 10 * kDay;
    for (CallId c = 1; c <= 25; ++c) {
        log.add(old + static_cast<TimeMs>(c), CallQueued{c, 10, 1, false});
        log.add(old + static_cast<TimeMs>(c) + 1,
                CallCompleted{c, 10, 0, Disposition::Abandoned, old, 1, 0, 0, 0});
    }
    log.add(old, CallQueued{99, 10, 1, false});
    for (CallId c = 100; c < 103; ++c) {
        log.add(kT0, CallQueued{c, 10, 1, false});
        log.add(kT0 + 1, CallCompleted{c, 10, 0, Disposition::Abandoned, kT0, 1, 0, 0, 0});
    }
    write(log);
    auto report = store->purge(kT0 - 7 * kDay, kT0 - 400 * kDay, 10);
    ASSERT_TRUE(report) << report.status().message();
    // calls: 10 + 10 + 5 (3 transactions); queue_events: 50 old rows + 1 (old queued of 99)
    // = 51 -> 6 transactions; every other table: 1 empty transaction each (6 tables).
    EXPECT_EQ(report.value().rowsDeleted, 25 + 51);
    EXPECT_EQ(report.value().transactions, 3 + 6 + 6);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 4u);
    EXPECT_EQ(calls[0].call, 99u); // in progress: kept until recovery closes it
    EXPECT_EQ(calls[1].call, 100u);
}

TEST_F(Retention, DailyRollUpsHaveTheirOwnLongerCutoff) {
    auto interval = [](TimeMs start) {
        auto r = std::make_shared<IntervalReport>();
        r->start = start;
        r->end = start + kInterval;
        r->queues.push_back({10, QueueCounters{}});
        return r;
    };
    EffectLog log;
    log.add(kT0 - 30 * kDay, IntervalClosed{interval(kT0 - 30 * kDay)});
    log.add(kT0, IntervalClosed{interval(kT0)});
    write(log);
    auto report = store->purge(kT0 - 7 * kDay, kT0 - 60 * kDay, 100);
    ASSERT_TRUE(report);
    EXPECT_EQ(report.value().rowsDeleted, 1);
    auto intervals = store->queueIntervals({0, kT0 + kDay});
    ASSERT_TRUE(intervals);
    EXPECT_EQ(intervals.value().size(), 1u);
    auto daily = store->queueDaily({0, kT0 + kDay});
    ASSERT_TRUE(daily);
    EXPECT_EQ(daily.value().size(), 2u);
}

TEST_F(Retention, AZeroBatchSizeIsRefusedByName) {
    auto report = store->purge(kT0, kT0, 0);
    ASSERT_FALSE(report);
    EXPECT_EQ(report.status().message(), "purge: rowsPerTransaction must be positive, got 0");
}

} // namespace
} // namespace acd::db::test
