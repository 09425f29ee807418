#pragma once
// A caller's buffer for a variable-size structure: dwTotalSize bytes plus guard bytes that
// must stay untouched, everything pre-filled with 0xCC so zeroing is visible.
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tapi.h"

namespace acd::tapi::test {

constexpr std::size_t kGuard = 32;

template<typename T>
class TestBuffer {
public:
    explicit TestBuffer(DWORD totalSize)
        : m_total(totalSize)
        , m_bytes(std::max<std::size_t>(totalSize, sizeof(DWORD)) + kGuard, std::byte{0xCC})
    {
        std::memcpy(m_bytes.data(), &totalSize, sizeof totalSize);
    }
    T *get() { return reinterpret_cast<T *>(m_bytes.data()); }
    T *operator->() { return get(); }
    const std::byte *bytes() const { return m_bytes.data(); }

    bool guardIntact() const
    {
        for (std::size_t i = std::max<std::size_t>(m_total, sizeof(DWORD)); i < m_bytes.size(); ++i)
            if (m_bytes[i] != std::byte{0xCC})
                return false;
        return true;
    }
    DWORD dwordAt(std::size_t offset) const
    {
        DWORD v;
        std::memcpy(&v, m_bytes.data() + offset, sizeof v);
        return v;
    }
    /// A UTF-8 field: checks the NUL terminator and returns the text without it.
    std::string utf8At(DWORD offset, DWORD size) const
    {
        EXPECT_GT(size, 0u);
        std::string s(reinterpret_cast<const char *>(m_bytes.data()) + offset, size);
        EXPECT_EQ(s.back(), '\0');
        s.pop_back();
        return s;
    }
    /// A UTF-16LE field: checks the NUL WCHAR and returns the code units without it.
    std::u16string utf16At(DWORD offset, DWORD size) const
    {
        EXPECT_EQ(size % 2, 0u);
        std::u16string s;
        for (DWORD i = 0; i + 1 < size; i += 2) {
            const auto lo = static_cast<unsigned>(m_bytes[offset + i]);
            const auto hi = static_cast<unsigned>(m_bytes[offset + i + 1]);
            s.push_back(static_cast<char16_t>(lo | hi << 8));
        }
        EXPECT_FALSE(s.empty());
        EXPECT_EQ(s.back(), u'\0');
        s.pop_back();
        return s;
    }
    template<typename Entry>
    Entry entryAt(DWORD offset, std::size_t index) const
    {
        Entry e;
        std::memcpy(&e, m_bytes.data() + offset + index * sizeof(Entry), sizeof e);
        return e;
    }

private:
    DWORD m_total;
    std::vector<std::byte> m_bytes;
};

} // namespace acd::tapi::test
