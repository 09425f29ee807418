#pragma once
// Typed results for the db API: no exception crosses it. Poco and SQLite errors are caught at
// the boundary and turned into a Status whose message names the object and the value.
#include <string>
#include <utility>
#include <variant>

namespace acd::db {

enum class DbError {
    Ok,
    Io,           ///< the file could not be opened, read or written
    SchemaTooNew, ///< the database was written by a newer program
    Sql,          ///< SQLite reported an error (busy, constraint, corrupt, ...)
    Invalid,      ///< a caller's argument or an input file is invalid
    NotFound,
};

const char *toString(DbError error);

class Status {
public:
    Status() = default;
    Status(DbError code, std::string message)
        : m_code(code)
        , m_message(std::move(message)) {}

    static Status ok() { return {}; }
    bool isOk() const { return m_code == DbError::Ok; }
    explicit operator bool() const { return isOk(); }
    DbError code() const { return m_code; }
    const std::string &message() const { return m_message; }

private:
    DbError m_code = DbError::Ok;
    std::string m_message;
};

/// A value or the Status explaining why there is none.
template<typename T>
class Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(Status error)
        : m_data(std::move(error)) {}

    bool isOk() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return isOk(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    Status status() const { return isOk() ? Status::ok() : std::get<Status>(m_data); }

private:
    std::variant<T, Status> m_data;
};

} // namespace acd::db
