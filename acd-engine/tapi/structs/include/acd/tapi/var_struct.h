#pragma once
// Filling TAPI variable-size structures (tapi.h conventions; reference section 4.1).
//
// Every variable-size structure starts with dwTotalSize, dwNeededSize, dwUsedSize. The rules
// this writer enforces:
//  - The caller first checks the fixed part: checkFixedPart() returns
//    LINEERR_STRUCTURETOOSMALL when dwTotalSize is smaller than the version's fixed part and
//    then sets dwNeededSize to the fixed size (only if dwTotalSize >= 8, i.e. dwNeededSize
//    itself lies inside the caller's buffer; nothing else is written).
//  - The constructor zeroes the fixed part except dwTotalSize and sets dwNeededSize and
//    dwUsedSize to the fixed size. Bytes past the fixed part are never touched unless data
//    is placed there.
//  - Variable data is placed straight after the fixed part, contiguously, in append order,
//    without padding (TAPI requires no alignment; every fixed part and entry is a multiple of
//    4 bytes and UTF-16 strings have even sizes, so DWORD data stays 4-byte aligned when it is
//    appended before the strings, as the fill functions do).
//  - dwNeededSize counts every field, whether it fits or not. A field that does not fit is
//    left empty (size 0, offset 0) and is never truncated; later, smaller fields may still
//    fit. dwUsedSize is the fixed part plus the bytes actually placed.
//  - An empty value (empty string, zero bytes, zero entries) is size 0, offset 0 and adds
//    nothing to dwNeededSize.
//
// Lists (dwNumEntries, dwListSize, dwListOffset): dwNumEntries is always the number of
// entries, fitted or not, so an application can size its retry. When the entry array does not
// fit, dwListSize/dwListOffset stay 0/0 and the entries' strings are only counted in
// dwNeededSize, never placed (they would be unreachable). When the array fits, each entry's
// string is placed after the array if it fits; one that does not is 0/0 in its entry. Entry
// offsets count from the start of the structure that holds the list.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tapi.h"

namespace acd::tapi {

/// How string fields are written: the A entry points get UTF-8, the W entry points UTF-16.
enum class StringEncoding {
    Utf8,  ///< the bytes as given plus one NUL byte
    Utf16, ///< UTF-16LE code units (WCHAR) plus a NUL WCHAR; sizes in bytes
};

/// Where a field landed. {0, 0} means empty or did not fit.
struct Placement {
    DWORD size = 0;
    DWORD offset = 0;
    bool empty() const { return size == 0; }
    friend bool operator==(const Placement &, const Placement &) = default;
};

/// UTF-8 to UTF-16. Code points above U+FFFF become surrogate pairs. Each maximal invalid
/// subpart (a stray continuation byte, an invalid lead byte, a truncated, overlong or
/// surrogate-encoding sequence, a value above U+10FFFF) becomes one U+FFFD.
std::u16string utf8ToUtf16(std::string_view utf8);

/// The bytes `text` occupies in `encoding`, terminator included; 0 for an empty string.
DWORD encodedSize(std::string_view text, StringEncoding encoding);

/// `text` as it is stored in `encoding` (UTF-16 little-endian), terminator included; empty
/// for an empty string.
std::string encodeString(std::string_view text, StringEncoding encoding);

/// True when `structure`'s dwTotalSize holds `fixedSize` bytes.
bool fitsFixedPart(const void *structure, DWORD fixedSize);

/// 0 when the fixed part fits; otherwise LINEERR_STRUCTURETOOSMALL, with dwNeededSize set to
/// `fixedSize` when dwTotalSize >= 8 (so the write stays inside the caller's buffer).
LONG checkFixedPart(void *structure, DWORD fixedSize);

/// Writes the variable part of one structure. Not a template: it works on the header DWORDs
/// at byte offsets 0, 4 and 8, which every variable-size TAPI structure shares.
class VarStructWriter {
public:
    /// Precondition: checkFixedPart(structure, fixedSize) == 0 and fixedSize >= 12.
    VarStructWriter(void *structure, DWORD fixedSize);

    /// Places `text` (converted to `encoding`, NUL-terminated) if it fits.
    Placement appendString(std::string_view text, StringEncoding encoding);
    /// Places `size` raw bytes if they fit.
    Placement appendBytes(const void *data, std::size_t size);
    /// Reserves `size` zeroed bytes (an entry array) if they fit; fill them through data().
    Placement reserve(std::size_t size);
    /// Adds `size` to dwNeededSize without placing anything (strings of an unfitted list).
    void countOnly(std::size_t size);

    /// The start of the structure: offsets returned by the append functions count from it.
    std::byte *data() const { return m_base; }
    DWORD neededSize() const;
    DWORD usedSize() const { return m_used; }
    DWORD totalSize() const { return m_total; }

private:
    Placement place(std::size_t size); // grows needed; returns where `size` bytes go, or 0/0
    void storeHeader();

    std::byte *m_base;
    DWORD m_total;
    DWORD m_used;
    std::uint64_t m_needed; // 64-bit so a huge list saturates instead of wrapping
};

} // namespace acd::tapi
