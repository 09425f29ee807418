#include "sqlite.h"

namespace acd::db::sql {

Statement::Statement(sqlite3 *db, const char *text)
    : m_text(text) {
    if (sqlite3_prepare_v3(db, text, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        m_stmt = nullptr;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

void Statement::bindOne(int index, std::nullptr_t) {
    sqlite3_bind_null(m_stmt, index);
}

void Statement::bindOne(int index, std::string_view value) {
    sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bindOne(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
}

int Statement::step() {
    return sqlite3_step(m_stmt);
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::optional<std::int64_t> Statement::optionalInt64At(int column) const {
    if (isNullAt(column))
        return std::nullopt;
    return int64At(column);
}

std::string Statement::textAt(int column) const {
    const auto *text = sqlite3_column_text(m_stmt, column);
    if (!text)
        return {};
    return std::string(reinterpret_cast<const char *>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::string_view Statement::textViewAt(int column) const {
    const auto *text = sqlite3_column_text(m_stmt, column);
    if (!text)
        return {};
    return std::string_view(reinterpret_cast<const char *>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::string Statement::columnName(int column) const {
    const char *name = sqlite3_column_name(m_stmt, column);
    return name ? name : "";
}

Connection::~Connection() {
    m_cache.clear();
    if (m_db)
        sqlite3_close_v2(m_db);
}

Status Connection::open(const std::string &path, int busyTimeoutMs) {
    m_path = path;
    const int rc =
        sqlite3_open_v2(path.c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Status status(DbError::Io, "database '" + path + "': cannot open: "
                                       + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc)));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return status;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    return {};
}

Result<Statement *> Connection::prepare(const char *text) {
    auto it = m_cache.find(text);
    if (it == m_cache.end()) {
        auto statement = std::make_unique<Statement>(m_db, text);
        if (!statement->isValid())
            return error(std::string("preparing \"") + text + "\"");
        it = m_cache.emplace(text, std::move(statement)).first;
    }
    it->second->reset();
    return it->second.get();
}

Status Connection::run(Statement &statement) {
    const int rc = statement.step();
    statement.reset();
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return error(std::string("running \"") + statement.text() + "\"");
    return {};
}

Status Connection::script(const char *text, std::string_view what) {
    char *message = nullptr;
    if (sqlite3_exec(m_db, text, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        return Status(DbError::Sql,
                      "database '" + m_path + "': " + std::string(what) + ": " + detail);
    }
    return {};
}

Result<std::int64_t> Connection::queryInt(const char *text) {
    auto st = prepare(text);
    if (!st)
        return st.status();
    Statement &s = *st.value();
    const int rc = s.step();
    if (rc != SQLITE_ROW) {
        Status status = error(std::string("running \"") + text + "\"");
        s.reset();
        return status;
    }
    const std::int64_t v = s.int64At(0);
    s.reset();
    return v;
}

Status Connection::begin() {
    return script("BEGIN IMMEDIATE", "begin transaction");
}

Status Connection::commit() {
    return script("COMMIT", "commit");
}

void Connection::rollback() {
    if (!sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Connection::error(std::string_view what) const {
    return Status(DbError::Sql,
                  "database '" + m_path + "': " + std::string(what) + ": " + sqlite3_errmsg(m_db));
}

} // namespace acd::db::sql
