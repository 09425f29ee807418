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
/// e.g. "queue 7: unknown skill 42 in relaxation step 2". `Code` is an enum with an `Ok`
/// value; each layer has its own codes (the core's ErrorCode, the store's DbError).
template<typename Code>
class BasicStatus {
public:
    BasicStatus() = default;
    BasicStatus(Code code, std::string message)
        : m_code(code)
        , m_message(std::move(message))
    {}

    static BasicStatus ok() { return {}; }
    bool isOk() const { return m_code == Code::Ok; }
    explicit operator bool() const { return isOk(); }
    Code code() const { return m_code; }
    const std::string &message() const { return m_message; }

private:
    Code m_code = Code::Ok;
    std::string m_message;
};

/// A value or the status explaining why there is none.
template<typename T, typename StatusT>
class BasicResult {
public:
    BasicResult(T value)
        : m_data(std::move(value))
    {}
    BasicResult(StatusT error)
        : m_data(std::move(error))
    {}

    bool isOk() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return isOk(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    StatusT status() const { return isOk() ? StatusT::ok() : std::get<StatusT>(m_data); }

private:
    std::variant<T, StatusT> m_data;
};

using Status = BasicStatus<ErrorCode>;
template<typename T>
using Result = BasicResult<T, Status>;

} // namespace acd::core
