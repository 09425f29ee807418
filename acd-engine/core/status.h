#pragma once
// Typed results for the core API: no exception ever crosses it.
#include <string>
#include <utility>
#include <variant>

namespace acd::core {

enum class ErrorCode {
    Ok,
    UnknownAgent,
    UnknownQueue,
    UnknownGroup,
    UnknownSkill,
    UnknownSession,
    UnknownCall,
    UnknownReasonCode,
    DuplicateId,
    InvalidArgument,
    InvalidState,
    NotLoggedIn,
};

const char *toString(ErrorCode code);

/// An error code plus a message that names the object and the offending value,
/// e.g. "queue 7: unknown skill 42 in relaxation step 2".
class Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message)
        : m_code(code)
        , m_message(std::move(message))
    {}

    static Status ok() { return {}; }
    bool isOk() const { return m_code == ErrorCode::Ok; }
    explicit operator bool() const { return isOk(); }
    ErrorCode code() const { return m_code; }
    const std::string &message() const { return m_message; }

private:
    ErrorCode m_code = ErrorCode::Ok;
    std::string m_message;
};

/// A value or the Status explaining why there is none.
template<typename T>
class Result {
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Status error)
        : m_data(std::move(error))
    {}

    bool isOk() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return isOk(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    Status status() const { return isOk() ? Status::ok() : std::get<Status>(m_data); }

private:
    std::variant<T, Status> m_data;
};

} // namespace acd::core
