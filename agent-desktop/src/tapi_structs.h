#pragma once
// Helpers for TAPI's variable-size structures and values: an owned buffer with dwTotalSize
// set, bounded string reads (a size/offset pair pointing outside the buffer reads as empty),
// GUID conversions and readable names of LINEERR_ codes.
#include "tapi.h"

#include <QString>
#include <QUuid>

#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace desk {

template<typename T>
class VarStruct {
public:
    explicit VarStruct(std::size_t bytes = 8192)
        : m_bytes(std::max(bytes, sizeof(T)), 0)
    {
        get()->dwTotalSize = static_cast<DWORD>(m_bytes.size());
    }
    T *get() { return reinterpret_cast<T *>(m_bytes.data()); }
    const T *get() const { return reinterpret_cast<const T *>(m_bytes.data()); }
    T *operator->() { return get(); }
    const T *operator->() const { return get(); }
    const char *bytes() const { return m_bytes.data(); }
    std::size_t size() const { return m_bytes.size(); }
    /// The variable part did not fit: ask again with dwNeededSize bytes.
    bool truncated() const { return get()->dwNeededSize > get()->dwTotalSize; }

    /// A UTF-8 string of the variable part (trailing NULs dropped).
    QString string(DWORD size, DWORD offset) const
    {
        return readString(bytes(), this->size(), size, offset);
    }
    /// A copy of a fixed-size element of the variable part, or nothing when it is not
    /// wholly inside the buffer. Copied, not pointed to: the sender need not align it.
    template<typename E>
    std::optional<E> read(std::size_t offset) const
    {
        if (offset == 0 || offset > m_bytes.size() || sizeof(E) > m_bytes.size() - offset)
            return std::nullopt;
        E value;
        std::memcpy(&value, m_bytes.data() + offset, sizeof(E));
        return value;
    }

    /// The `count` entries of type E listed from `offset` (a TAPI list: dwNumEntries,
    /// dwListOffset), copied out. A count that runs past the buffer is not believed: the
    /// list ends with the last entry wholly inside it.
    template<typename E>
    std::vector<E> entries(DWORD count, DWORD offset) const
    {
        std::vector<E> out;
        for (DWORD i = 0; i < count; ++i) {
            const std::optional<E> e = read<E>(std::size_t(offset) + i * sizeof(E));
            if (!e)
                break;
            out.push_back(*e);
        }
        return out;
    }

    static QString readString(const char *base, std::size_t total, DWORD size, DWORD offset);

private:
    std::vector<char> m_bytes;
};

template<typename T>
QString VarStruct<T>::readString(const char *base, std::size_t total, DWORD size, DWORD offset)
{
    if (size == 0 || offset == 0 || std::size_t(offset) + size > total)
        return {};
    const char *text = base + offset;
    std::size_t n = size;
    while (n > 0 && text[n - 1] == '\0')
        --n;
    return QString::fromUtf8(text, static_cast<qsizetype>(n));
}

/// A shared buffer for an asynchronous request's output (kept alive until its LINE_REPLY).
template<typename T>
std::shared_ptr<VarStruct<T>> makeVar(std::size_t bytes = 8192)
{
    return std::make_shared<VarStruct<T>>(bytes);
}

GUID toGuid(const QUuid &uuid);
QUuid fromGuid(const GUID &guid);
/// The four DWORDs of LINEAGENTGROUPENTRY.GroupID as a QUuid.
QUuid fromGroupId(const void *groupId16Bytes);

/// "LINEERR_INVALPASSWORD" etc.: for logs and detail texts, never the only user message.
QString lineErrorName(LONG code);

} // namespace desk
