#pragma once
// Helpers for the db tests: a temporary directory per test, an opened store, effect builders.
#include "core/effects.h"
#include "db/sqlite_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace acd::db::test {

using namespace acd::core;

/// 2023-11-14 22:30:00 UTC: on a 15-minute boundary.
constexpr TimeMs kT0 = 1'700'001'000'000;
constexpr TimeMs kInterval = 15 * 60 * 1000;
constexpr TimeMs kDay = 24LL * 3600 * 1000;

/// A fresh directory under /tmp, removed with its content at the end of the test.
class TempDir {
public:
    TempDir() {
        char pattern[] = "/tmp/acd-db-test-XXXXXX";
        const char *made = mkdtemp(pattern);
        m_path = made ? made : "/tmp";
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string &name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

inline std::unique_ptr<Store> openStore(const std::string &path, SqliteOptions options = {}) {
    auto opened = openSqliteStore(path, options);
    EXPECT_TRUE(opened.isOk()) << opened.status().message();
    return opened.isOk() ? std::move(opened.value()) : nullptr;
}

/// Builds a sequence of effects with increasing sequence numbers.
class EffectLog {
public:
    template<typename Body>
    EffectLog &add(TimeMs at, Body body) {
        m_items.push_back(Effect{++m_seq, at, EffectBody(std::move(body))});
        return *this;
    }
    EffectLog &info(CallId call, std::string ani, std::string dnis) {
        m_items.push_back(CallInfo{call, std::move(ani), std::move(dnis)});
        return *this;
    }
    const std::vector<WriteItem> &items() const { return m_items; }

private:
    std::uint64_t m_seq = 0;
    std::vector<WriteItem> m_items;
};

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("acd.db");
        store = openStore(path);
        ASSERT_NE(store, nullptr);
    }

    void write(const EffectLog &log) {
        Status s = store->writeBatch(log.items());
        ASSERT_TRUE(s) << s.message();
    }

    std::vector<CallRecord> allCalls() {
        auto calls = store->calls({0, kT0 + 365 * kDay});
        EXPECT_TRUE(calls.isOk()) << calls.status().message();
        return calls.isOk() ? calls.value() : std::vector<CallRecord>{};
    }

    TempDir dir;
    std::string path;
    std::unique_ptr<Store> store;
};

} // namespace acd::db::test
