#include "acd/tapi/var_struct.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace acd::tapi {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

DWORD readDword(const void *base, std::size_t offset)
{
    DWORD v;
    std::memcpy(&v, static_cast<const std::byte *>(base) + offset, sizeof v);
    return v;
}

void writeDword(void *base, std::size_t offset, DWORD v)
{
    std::memcpy(static_cast<std::byte *>(base) + offset, &v, sizeof v);
}

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

void appendCodePoint(std::u16string &out, char32_t cp)
{
    if (cp < 0x10000) {
        out.push_back(static_cast<char16_t>(cp));
        return;
    }
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
}

} // namespace

std::u16string utf8ToUtf16(std::string_view utf8)
{
    std::u16string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        }
        // Length and the allowed range of the second byte (Unicode table 3-7), which
        // excludes overlongs, surrogates and values above U+10FFFF.
        int length = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        char32_t cp = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
            if (lead == 0xE0)
                lo = 0xA0;
            else if (lead == 0xED)
                hi = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
            if (lead == 0xF0)
                lo = 0x90;
            else if (lead == 0xF4)
                hi = 0x8F;
        } else {
            out.push_back(kReplacement); // stray continuation byte or invalid lead
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        bool valid = true;
        for (int k = 1; k < length; ++k, ++j) {
            if (j >= utf8.size()) {
                valid = false;
                break;
            }
            const auto c = static_cast<unsigned char>(utf8[j]);
            const bool inRange = k == 1 ? (c >= lo && c <= hi) : isContinuation(c);
            if (!inRange) {
                valid = false;
                break;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (valid)
            appendCodePoint(out, cp);
        else
            out.push_back(kReplacement); // one U+FFFD for the maximal invalid subpart
        i = j;
    }
    return out;
}

std::string encodeString(std::string_view text, StringEncoding encoding)
{
    if (text.empty())
        return {};
    if (encoding == StringEncoding::Utf8) {
        std::string out(text);
        out.push_back('\0');
        return out;
    }
    const std::u16string wide = utf8ToUtf16(text);
    std::string out;
    out.reserve((wide.size() + 1) * 2);
    for (char16_t unit : wide) {
        out.push_back(static_cast<char>(unit & 0xFF));
        out.push_back(static_cast<char>(unit >> 8));
    }
    out.append(2, '\0');
    return out;
}

DWORD encodedSize(std::string_view text, StringEncoding encoding)
{
    return static_cast<DWORD>(encodeString(text, encoding).size());
}

bool fitsFixedPart(const void *structure, DWORD fixedSize)
{
    return readDword(structure, 0) >= fixedSize;
}

LONG checkFixedPart(void *structure, DWORD fixedSize)
{
    if (fitsFixedPart(structure, fixedSize))
        return 0;
    if (readDword(structure, 0) >= 2 * sizeof(DWORD))
        writeDword(structure, 4, fixedSize);
    return LINEERR_STRUCTURETOOSMALL;
}

VarStructWriter::VarStructWriter(void *structure, DWORD fixedSize)
    : m_base(static_cast<std::byte *>(structure))
    , m_total(readDword(structure, 0))
    , m_used(fixedSize)
    , m_needed(fixedSize)
{
    std::memset(m_base + sizeof(DWORD), 0, fixedSize - sizeof(DWORD));
    storeHeader();
}

DWORD VarStructWriter::neededSize() const
{
    return static_cast<DWORD>(std::min<std::uint64_t>(m_needed, std::numeric_limits<DWORD>::max()));
}

void VarStructWriter::storeHeader()
{
    writeDword(m_base, 4, neededSize());
    writeDword(m_base, 8, m_used);
}

Placement VarStructWriter::place(std::size_t size)
{
    if (size == 0)
        return {};
    m_needed += size;
    Placement p;
    if (size <= m_total - m_used) {
        p = {static_cast<DWORD>(size), m_used};
        m_used += static_cast<DWORD>(size);
    }
    storeHeader();
    return p;
}

Placement VarStructWriter::appendBytes(const void *bytes, std::size_t size)
{
    const Placement p = place(size);
    if (!p.empty())
        std::memcpy(m_base + p.offset, bytes, size);
    return p;
}

Placement VarStructWriter::appendString(std::string_view text, StringEncoding encoding)
{
    const std::string encoded = encodeString(text, encoding);
    return appendBytes(encoded.data(), encoded.size());
}

Placement VarStructWriter::reserve(std::size_t size)
{
    const Placement p = place(size);
    if (!p.empty())
        std::memset(m_base + p.offset, 0, size);
    return p;
}

void VarStructWriter::countOnly(std::size_t size)
{
    m_needed += size;
    storeHeader();
}

} // namespace acd::tapi
