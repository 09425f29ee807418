#include "utf.h"

namespace acd::tapi::client {

namespace {

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

bool isHigh(char16_t u)
{
    return u >= 0xD800 && u <= 0xDBFF;
}
bool isLow(char16_t u)
{
    return u >= 0xDC00 && u <= 0xDFFF;
}

} // namespace

std::string utf16ToUtf8(const char16_t *text)
{
    std::string out;
    for (const char16_t *p = text; *p; ++p) {
        const char16_t unit = *p;
        if (isHigh(unit) && isLow(p[1])) {
            appendUtf8(out,
                       0x10000 + ((char32_t(unit) - 0xD800) << 10) + (char32_t(p[1]) - 0xDC00));
            ++p;
        } else if (isHigh(unit) || isLow(unit)) {
            appendUtf8(out, 0xFFFD);
        } else {
            appendUtf8(out, unit);
        }
    }
    return out;
}

} // namespace acd::tapi::client
