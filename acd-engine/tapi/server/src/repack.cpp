#include "repack.h"

#include <cstring>

namespace acd::tapi {
namespace {

DWORD readDword(const void *base, std::size_t offset)
{
    DWORD v;
    std::memcpy(&v, static_cast<const char *>(base) + offset, sizeof v);
    return v;
}

void writeDword(void *base, std::size_t offset, DWORD v)
{
    std::memcpy(static_cast<char *>(base) + offset, &v, sizeof v);
}

/// Where a field goes when the previous one ended at `end`.
DWORD startOf(const VarField &f, DWORD end)
{
    constexpr DWORD kBinaryAlignment = 4; // DWORD data, as TAPI structures hold it
    return f.text ? end : (end + kBinaryAlignment - 1) / kBinaryAlignment * kBinaryAlignment;
}

} // namespace

std::string_view fieldBytes(const void *structure, std::size_t sizeMember, std::size_t offsetMember)
{
    DWORD size = readDword(structure, sizeMember);
    DWORD offset = readDword(structure, offsetMember);
    if (size == 0)
        return {};
    return {static_cast<const char *>(structure) + offset, size};
}

LONG repack(void *dst, const void *fixed, DWORD fixedSize, const std::vector<VarField> &fields,
            StringEncoding encoding)
{
    std::vector<std::string> converted;
    converted.reserve(fields.size());
    DWORD needed = fixedSize; // the end of every field placed, as a retry of that size places them
    for (const VarField &f : fields) {
        if (f.text && encoding == StringEncoding::Utf16 && !f.bytes.empty()) {
            std::string_view text = f.bytes;
            while (!text.empty() && text.back() == '\0')
                text.remove_suffix(1);
            converted.push_back(encodeString(text, StringEncoding::Utf16));
        } else {
            converted.emplace_back(f.bytes);
        }
        if (!converted.back().empty())
            needed = startOf(f, needed) + static_cast<DWORD>(converted.back().size());
    }
    DWORD total = readDword(dst, 0);
    if (total < fixedSize) {
        writeDword(dst, 4, needed);
        return LINEERR_STRUCTURETOOSMALL;
    }
    auto *out = static_cast<char *>(dst);
    std::memcpy(out + 12, static_cast<const char *>(fixed) + 12, fixedSize - 12);
    DWORD used = fixedSize;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string &value = converted[i];
        DWORD size = 0, offset = 0;
        const DWORD at = startOf(fields[i], used);
        if (!value.empty() && at <= total && value.size() <= total - at) {
            std::memset(out + used, 0, at - used);
            std::memcpy(out + at, value.data(), value.size());
            size = static_cast<DWORD>(value.size());
            offset = at;
            used = at + size;
        }
        writeDword(dst, fields[i].sizeMember, size);
        writeDword(dst, fields[i].offsetMember, offset);
    }
    writeDword(dst, 4, needed);
    writeDword(dst, 8, used);
    return 0;
}

} // namespace acd::tapi
