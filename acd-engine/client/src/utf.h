#pragma once
// UTF-16 (the W entry points' WCHAR strings) to UTF-8 (what the server takes).
#include <optional>
#include <string>

namespace acd::tapi::client {

/// Converts a NUL-terminated UTF-16 string. Surrogate pairs become one 4-byte sequence; an
/// unpaired surrogate becomes U+FFFD.
std::string utf16ToUtf8(const char16_t *text);

/// A W string argument converted for the call: get() is nullptr when the argument was.
class Utf8Arg {
public:
    explicit Utf8Arg(const char16_t *text)
    {
        if (text)
            m_text = utf16ToUtf8(text);
    }
    const char *get() const { return m_text ? m_text->c_str() : nullptr; }

private:
    std::optional<std::string> m_text;
};

} // namespace acd::tapi::client
