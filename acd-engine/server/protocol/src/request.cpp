// Reading a request's parameters with exact errors: every key typed, every unknown key named.
#include "protocol_impl.h"

#include <Poco/JSON/Array.h>

namespace acd::server {
namespace {

RequestError badKey(const std::string &key, const std::string &what)
{
    return {"bad_request", "key '" + key + "': " + what, "", key};
}

} // namespace

Request::Request(Poco::JSON::Object::Ptr object, Poco::Dynamic::Var id)
    : m_object(std::move(object))
    , m_id(std::move(id))
{
    Poco::Dynamic::Var op = m_object->get("op");
    if (op.isEmpty() || !op.isString())
        throw RequestError{"bad_request", "key 'op': missing or not a string", "", "op"};
    m_op = op.extract<std::string>();
}

bool Request::has(const std::string &key) const
{
    return m_object->has(key) && !m_object->isNull(key);
}

std::string Request::text(const std::string &key)
{
    m_used.insert(key);
    Poco::Dynamic::Var v = m_object->get(key);
    if (v.isEmpty())
        throw badKey(key, "missing");
    if (!v.isString())
        throw badKey(key, "expected a string");
    return v.extract<std::string>();
}

std::int64_t Request::integer(const std::string &key)
{
    m_used.insert(key);
    Poco::Dynamic::Var v = m_object->get(key);
    if (v.isEmpty())
        throw badKey(key, "missing");
    if (!v.isInteger())
        throw badKey(key, "expected an integer");
    return v.convert<std::int64_t>();
}

std::optional<std::string> Request::optionalText(const std::string &key)
{
    if (!has(key)) {
        m_used.insert(key);
        return std::nullopt;
    }
    return text(key);
}

std::optional<std::int64_t> Request::optionalInteger(const std::string &key)
{
    if (!has(key)) {
        m_used.insert(key);
        return std::nullopt;
    }
    return integer(key);
}

std::vector<std::string> Request::textList(const std::string &key)
{
    m_used.insert(key);
    Poco::JSON::Array::Ptr list = m_object->getArray(key);
    if (!list)
        throw badKey(key, "expected a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Poco::Dynamic::Var v = list->get(static_cast<unsigned>(i));
        if (!v.isString())
            throw badKey(key + "[" + std::to_string(i) + "]", "expected a string");
        out.push_back(v.extract<std::string>());
    }
    return out;
}

std::vector<std::int64_t> Request::integerList(const std::string &key)
{
    m_used.insert(key);
    Poco::JSON::Array::Ptr list = m_object->getArray(key);
    if (!list)
        throw badKey(key, "expected a list of integers");
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Poco::Dynamic::Var v = list->get(static_cast<unsigned>(i));
        if (!v.isInteger())
            throw badKey(key + "[" + std::to_string(i) + "]", "expected an integer");
        out.push_back(v.convert<std::int64_t>());
    }
    return out;
}

Poco::JSON::Object::Ptr Request::object(const std::string &key)
{
    m_used.insert(key);
    if (!m_object->has(key))
        throw badKey(key, "missing");
    Poco::JSON::Object::Ptr value = m_object->getObject(key);
    if (!value)
        throw badKey(key, "expected an object");
    return value;
}

void Request::rejectUnknown() const
{
    std::vector<std::string> names;
    m_object->getNames(names);
    for (const std::string &name : names)
        if (!m_used.count(name))
            throw badKey(name, "unknown for op '" + m_op + "'");
}

} // namespace acd::server
