#pragma once

// Filling TAPI variable-size structures: fixed part, then strings appended after it.
// A string that does not fit is left empty (0/0) and only counted in dwNeededSize.

#include <cstring>
#include <string>

#include "tapi.h"

namespace acd::tsp {

template<typename T>
class VarStruct {
public:
    /// `fixedSize` is the version's fixed part; the caller checked dwTotalSize >= it.
    VarStruct(T *s, DWORD fixedSize)
        : m_s(s) {
        DWORD total = s->dwTotalSize;
        std::memset(reinterpret_cast<char *>(s) + sizeof(DWORD), 0, fixedSize - sizeof(DWORD));
        s->dwTotalSize = total;
        s->dwNeededSize = fixedSize;
        s->dwUsedSize = fixedSize;
    }
    /// Appends `text` with its terminating NUL; returns false when it did not fit.
    bool addString(DWORD &size, DWORD &offset, const std::string &text) {
        auto length = static_cast<DWORD>(text.size() + 1);
        m_s->dwNeededSize += length;
        if (m_s->dwUsedSize + length > m_s->dwTotalSize)
            return false;
        std::memcpy(reinterpret_cast<char *>(m_s) + m_s->dwUsedSize, text.c_str(), length);
        offset = m_s->dwUsedSize;
        size = length;
        m_s->dwUsedSize += length;
        return true;
    }

private:
    T *m_s;
};

} // namespace acd::tsp
