// SQL only through bound parameters: hostile text round-trips untouched, and the sources
// never build SQL from data.
#include "db_fixture.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace acd::db::test {
namespace {

const std::string kHostile = "x'); DROP TABLE calls; --\"\\%_\n\t";

using BoundParameters = StoreTest;

TEST_F(BoundParameters, HostileTextInRecordsIsStoredVerbatim) {
    EffectLog log;
    log.info(1, kHostile, kHostile + "2")
        .add(kT0, CallQueued{1, 10, 1, false})
        .add(kT0, AgentStateChanged{1001, AgentStateEx::Ready, AgentStateEx::NotReady,
                                    AgentStateEx::None, AgentActivity::Available,
                                    AgentActivity::NotReady, 1, kHostile})
        .add(kT0, SessionStarted{1, 1001, 1, kHostile});
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].ani, kHostile);
    EXPECT_EQ(calls[0].dnis, kHostile + "2");
    auto states = store->agentStates({kT0, kT0 + 1});
    ASSERT_TRUE(states);
    ASSERT_EQ(states.value().size(), 1u);
    EXPECT_EQ(states.value()[0].forcedBy, kHostile);
    auto sessions = store->sessionEvents({kT0, kT0 + 1});
    ASSERT_TRUE(sessions);
    EXPECT_EQ(sessions.value()[0].station, kHostile);
}

TEST_F(BoundParameters, HostileNamesInConfigurationAreStoredVerbatim) {
    ConfigSet c;
    c.skills.push_back({1, kHostile});
    c.stations.push_back({kHostile, kHostile});
    c.users.push_back({kHostile, Role::Admin, "pbkdf2-sha256$1$00$00", 0});
    ASSERT_TRUE(store->saveConfig(c));
    auto loaded = store->loadConfig();
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded.value().skills[0].name, kHostile);
    EXPECT_EQ(loaded.value().stations[0], c.stations[0]);
    EXPECT_EQ(loaded.value().users[0].name, kHostile);
}

TEST_F(BoundParameters, ABackupPathWithAQuoteIsAParameterNotSql) {
    const std::string copy = dir.file("it's.db");
    Status s = store->backupTo(copy);
    ASSERT_TRUE(s) << s.message();
    EXPECT_TRUE(std::filesystem::exists(copy));
}

/// The sources never build SQL text from data: no printf-style SQL, no concatenation with an
/// SQL literal, no std::string turned into statement text, and only the thin wrapper
/// (sqlite.cpp) talks to sqlite3_prepare / sqlite3_exec, which take const char* literals.
TEST(BoundParametersSources, NoSourceBuildsSqlFromData) {
    const std::filesystem::path src = ACD_DB_SOURCE_DIR "/src";
    const std::regex printfSql(R"(sqlite3_v?s?n?mprintf|sqlite3_snprintf)");
    const std::regex concatenated(
        R"("[^"\n]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\b[^"\n]*"\s*\+)"
        R"(|\+\s*"[^"\n]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\b)");
    const std::regex fromString(R"(\b(execute|prepare|script)\([^;]*c_str\(\))");
    const std::regex rawApi(R"(sqlite3_(prepare|exec)\w*\()");
    int files = 0;
    for (const auto &entry : std::filesystem::directory_iterator(src)) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string code = text.str();
        const std::string name = entry.path().filename().string();
        ++files;
        EXPECT_FALSE(std::regex_search(code, printfSql)) << name << " formats SQL";
        std::smatch m;
        if (std::regex_search(code, m, concatenated))
            ADD_FAILURE() << name << " concatenates SQL: " << m.str();
        if (std::regex_search(code, m, fromString))
            ADD_FAILURE() << name << " runs SQL from a std::string: " << m.str();
        if (name != "sqlite.cpp" && std::regex_search(code, m, rawApi))
            ADD_FAILURE() << name << " calls the SQLite API directly: " << m.str();
    }
    EXPECT_GE(files, 10);
}

} // namespace
} // namespace acd::db::test
