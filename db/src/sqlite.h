#pragma once
// A thin RAII layer over the SQLite C API. Every value reaches SQL through sqlite3_bind_*:
// statements are string literals, never text built from data (tests/db check this).
#include "db/status.h"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

namespace acd::db::sql {

class Statement {
public:
    Statement(sqlite3 *db, const char *text);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    const char *text() const { return m_text; }

    template<typename... Args>
    Statement &bindAll(const Args &...args) {
        int index = 1;
        (bindOne(index++, args), ...);
        (void)index;
        return *this;
    }
    void bindOne(int index, std::nullptr_t);
    void bindOne(int index, std::string_view value);
    void bindOne(int index, const std::string &value) { bindOne(index, std::string_view(value)); }
    void bindOne(int index, const char *value) { bindOne(index, std::string_view(value)); }
    void bindOne(int index, double value);
    template<typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
    void bindOne(int index, T value) {
        sqlite3_bind_int64(m_stmt, index, static_cast<sqlite3_int64>(value));
    }
    template<typename T>
    void bindOne(int index, const std::optional<T> &value) {
        if (value)
            bindOne(index, *value);
        else
            bindOne(index, nullptr);
    }

    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    /// Resets the statement and clears its bindings, ready for the next use.
    void reset();

    std::int64_t int64At(int column) const { return sqlite3_column_int64(m_stmt, column); }
    double doubleAt(int column) const { return sqlite3_column_double(m_stmt, column); }
    bool isNullAt(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    std::optional<std::int64_t> optionalInt64At(int column) const;
    std::string textAt(int column) const;
    /// Valid until the next step() or reset().
    std::string_view textViewAt(int column) const;
    int columnCount() const { return sqlite3_column_count(m_stmt); }
    std::string columnName(int column) const;
    int columnType(int column) const { return sqlite3_column_type(m_stmt, column); }

private:
    sqlite3_stmt *m_stmt = nullptr;
    const char *m_text;
};

/// An open database connection with a cache of prepared statements.
class Connection {
public:
    Connection() = default;
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    Status open(const std::string &path, int busyTimeoutMs);
    sqlite3 *handle() const { return m_db; }

    /// The cached prepared statement for a literal SQL text, reset and ready to bind.
    Result<Statement *> prepare(const char *text);
    /// Runs a statement that returns no rows (bindings already made) and resets it.
    Status run(Statement &statement);
    /// Prepares, binds and runs a statement that returns no rows.
    template<typename... Args>
    Status execute(const char *text, const Args &...args) {
        auto st = prepare(text);
        if (!st)
            return st.status();
        st.value()->bindAll(args...);
        return run(*st.value());
    }
    /// Runs a fixed script (migrations, pragmas) that takes no parameters.
    Status script(const char *text, std::string_view what);
    /// An integer from a one-row query (e.g. PRAGMA user_version).
    Result<std::int64_t> queryInt(const char *text);
    int changes() const { return sqlite3_changes(m_db); }

    Status begin();
    Status commit();
    void rollback();

    /// A Status naming `what` with SQLite's error text.
    Status error(std::string_view what) const;

private:
    sqlite3 *m_db = nullptr;
    std::string m_path;
    // Keyed by the literal's address: every statement text is a string literal.
    std::unordered_map<const char *, std::unique_ptr<Statement>> m_cache;
};

} // namespace acd::db::sql
