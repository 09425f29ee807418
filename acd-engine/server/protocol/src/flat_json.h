#pragma once
// A flat JSON object written straight into a string: the bodies of the event stream. The
// engine formats every event of the center once (thousands a second); a Poco::JSON tree and
// its stringifier took a tenth of the engine thread. Strings are escaped by Poco.
#include <charconv>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace acd::server {

class FlatJson {
public:
    FlatJson()
    {
        m_text.reserve(256);
        m_text.push_back('{');
    }

    template<std::integral T> // bool takes the overload below
    void field(std::string_view key, T value)
    {
        name(key);
        number(value);
    }
    void field(std::string_view key, bool value);
    /// A string value, escaped.
    void field(std::string_view key, std::string_view value);
    void field(std::string_view key, const char *value) { field(key, std::string_view(value)); }
    /// An array of numbers.
    void numbers(std::string_view key, std::initializer_list<std::uint64_t> values);
    /// An array of the numbers in `values` (any range of integers).
    template<class Range>
    void numberList(std::string_view key, const Range &values)
    {
        name(key);
        m_text.push_back('[');
        for (const auto value : values) {
            if (m_text.back() != '[')
                m_text.push_back(',');
            number(value);
        }
        m_text.push_back(']');
    }
    /// A nested object whose fields `fill(FlatJson &)` writes.
    template<class Fill>
    void object(std::string_view key, Fill fill)
    {
        FlatJson inner;
        fill(inner);
        json(key, inner.finish());
    }
    /// A value that is JSON already (an array, an object).
    void json(std::string_view key, std::string_view value);
    /// The object's text; the writer is spent.
    std::string finish()
    {
        m_text.push_back('}');
        return std::move(m_text);
    }

private:
    /// `"key":`, after a comma unless it is the first.
    void name(std::string_view key);
    template<std::integral T>
    void number(T value)
    {
        char digits[24];
        const char *end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        m_text.append(digits, static_cast<std::size_t>(end - digits));
    }

    std::string m_text;
};

} // namespace acd::server
