#include "db_fixture.h"

#include <sqlite3.h>

namespace acd::db::test {
namespace {

/// Reads one integer with the plain C API, outside the store.
std::int64_t pragmaInt(const std::string &path, const char *pragma) {
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, pragma, -1, &st, nullptr);
    std::int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

std::string pragmaText(const std::string &path, const char *pragma) {
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, pragma, -1, &st, nullptr);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void setUserVersion(const std::string &path, int version) {
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    const std::string pragma = "PRAGMA user_version = " + std::to_string(version);
    sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

TEST(Migrations, AnEmptyFileIsMigratedToTheLatestVersion) {
    TempDir dir;
    const std::string path = dir.file("new.db");
    auto store = openStore(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schemaVersion(), latestSchemaVersion());
    EXPECT_EQ(latestSchemaVersion(), 6);
    store.reset();
    EXPECT_EQ(pragmaInt(path, "PRAGMA user_version"), 6);
}

/// SQLite's plan for `query`: the detail column of every EXPLAIN QUERY PLAN row.
std::string queryPlan(const std::string &path, const std::string &query) {
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + query).c_str(), -1, &st, nullptr);
    std::string plan;
    while (sqlite3_step(st) == SQLITE_ROW)
        plan += reinterpret_cast<const char *>(sqlite3_column_text(st, 3)) + std::string("\n");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return plan;
}

// Regression: every session state change used to look its station up with a backwards scan
// of session_events (no index), so the writer slowed down as the table grew and fell behind
// at 500 calls/s.
TEST(Migrations, ASessionsStartedRowIsFoundThroughAnIndexNotAScan) {
    TempDir dir;
    const std::string path = dir.file("plan.db");
    auto store = openStore(path);
    ASSERT_NE(store, nullptr);
    const std::string plan =
        queryPlan(path, "SELECT station FROM session_events WHERE session_id = 5 AND "
                        "event = 'started' ORDER BY id DESC LIMIT 1");
    EXPECT_NE(plan.find("USING INDEX session_events_started"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("SCAN session_events"), std::string::npos) << plan;
}

TEST(Migrations, TheDatabaseIsInWalMode) {
    TempDir dir;
    const std::string path = dir.file("wal.db");
    auto store = openStore(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(pragmaText(path, "PRAGMA journal_mode"), "wal");
}

TEST(Migrations, AnOldVersionIsUpgradedKeepingItsRecords) {
    TempDir dir;
    const std::string path = dir.file("old.db");
    {
        SqliteOptions v1;
        v1.migrateTo = 1;
        auto old = openStore(path, v1);
        ASSERT_NE(old, nullptr);
        ASSERT_EQ(old->schemaVersion(), 1);
        EffectLog log;
        log.add(kT0, CallQueued{7, 10, 1, false});
        ASSERT_TRUE(old->writeBatch(log.items()));
    }
    EXPECT_EQ(pragmaInt(path, "PRAGMA user_version"), 1);
    auto store = openStore(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schemaVersion(), 6);
    auto calls = store->calls({0, kT0 + 1});
    ASSERT_TRUE(calls);
    ASSERT_EQ(calls.value().size(), 1u);
    EXPECT_EQ(calls.value()[0].call, 7u);
    // The table migration 2 added is usable.
    auto recovery = store->recover(kT0 + 5000);
    ASSERT_TRUE(recovery) << recovery.status().message();
    EXPECT_EQ(recovery.value().interruptedCalls, 1);
}

TEST(Migrations, ADatabaseNewerThanTheCodeIsRefusedWithAClearMessage) {
    TempDir dir;
    const std::string path = dir.file("future.db");
    { ASSERT_NE(openStore(path), nullptr); }
    setUserVersion(path, 99);
    auto opened = openSqliteStore(path);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.status().code(), DbError::SchemaTooNew);
    EXPECT_EQ(opened.status().message(),
              "database '" + path
                  + "' has schema version 99, newer than this program's 6: open it with a "
                    "newer acd-engine (refusing to touch it)");
    EXPECT_EQ(pragmaInt(path, "PRAGMA user_version"), 99);
}

TEST(Migrations, AFileThatIsNotADatabaseIsReportedByName) {
    TempDir dir;
    const std::string path = dir.file("garbage.db");
    FILE *f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not an SQLite database, just some text that is long enough......", f);
    std::fclose(f);
    auto opened = openSqliteStore(path);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.status().message().find("database '" + path + "'"), std::string::npos)
        << opened.status().message();
}

} // namespace
} // namespace acd::db::test
