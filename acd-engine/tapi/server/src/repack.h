#pragma once
// Copying a variable-size structure into an application's buffer by TAPI's rules: the fixed
// part, then each variable field that fits (a field that does not fit is left 0/0 and only
// counted in dwNeededSize, never truncated), with text converted to the app's encoding.
#include "acd/tapi/server.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace acd::tapi {

struct VarField {
    std::size_t sizeMember;   ///< offsetof the dwXxxSize member
    std::size_t offsetMember; ///< offsetof the dwXxxOffset member
    std::string_view bytes;   ///< the value (UTF-8 text with its NUL, or binary)
    bool text = false;        ///< convert to UTF-16 for Utf16 apps
};

/// Reads field `sizeMember`/`offsetMember` of a filled structure as a byte view.
std::string_view fieldBytes(const void *structure, std::size_t sizeMember,
                            std::size_t offsetMember);

/// Writes `fixed` (fixedSize bytes; its first 12 bytes are replaced by the header) and the
/// fields into `dst`, whose dwTotalSize the app set. LINEERR_STRUCTURETOOSMALL (with
/// dwNeededSize set) when the fixed part does not fit, else 0. Text goes where the field before
/// it ended; a binary field (call data, user-user info, device-specific blocks) starts at a
/// multiple of 4 bytes from the structure, zero bytes before it, because C programs read such
/// blocks in place through a pointer to their own structure (ACDCALLDATA-like DWORDs) and a
/// UTF-8 string before it may end anywhere. dwNeededSize counts that padding.
LONG repack(void *dst, const void *fixed, DWORD fixedSize, const std::vector<VarField> &fields,
            StringEncoding encoding);


} // namespace acd::tapi
