#include "flat_json.h"

#include <Poco/JSONString.h>

#include <algorithm>

namespace acd::server {

void FlatJson::name(std::string_view key)
{
    if (m_text.size() > 1)
        m_text.push_back(',');
    m_text.push_back('"');
    m_text.append(key);
    m_text.append("\":");
}

void FlatJson::field(std::string_view key, bool value)
{
    name(key);
    m_text.append(value ? "true" : "false");
}

void FlatJson::numbers(std::string_view key, std::initializer_list<std::uint64_t> values)
{
    numberList(key, values);
}

void FlatJson::json(std::string_view key, std::string_view value)
{
    name(key);
    m_text.append(value);
}

void FlatJson::field(std::string_view key, std::string_view value)
{
    name(key);
    // Names, numbers and codes need no escaping: only text with quotes, backslashes, control
    // or non-ASCII characters goes through Poco.
    const bool plain = std::all_of(value.begin(), value.end(), [](char ch) {
        const auto u = static_cast<unsigned char>(ch);
        return u >= 0x20 && u < 0x7F && ch != '"' && ch != '\\';
    });
    if (plain) {
        m_text.push_back('"');
        m_text.append(value);
        m_text.push_back('"');
    } else {
        m_text.append(Poco::toJSON(std::string(value), Poco::JSON_WRAP_STRINGS));
    }
}

} // namespace acd::server
