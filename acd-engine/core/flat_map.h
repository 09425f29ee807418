#pragma once
// An open-addressing hash map from an integer id to a table index, for the lookups on the
// routing path (call, queue, agent and session by id). Linear probing with backward-shift
// deletion: no tombstones, no allocation per entry (std::unordered_map allocates a node per
// call and hashes by a modulo of a prime).
#include <cstdint>
#include <vector>

namespace acd::core {

template<typename Key>
class FlatIndex {
public:
    using Value = std::uint32_t;

    /// The value for `key`, or nullptr.
    const Value *find(Key key) const
    {
        if (m_size == 0)
            return nullptr;
        for (std::size_t i = slot(key);; i = (i + 1) & m_mask) {
            const Entry &e = m_entries[i];
            if (!e.used)
                return nullptr;
            if (e.key == key)
                return &e.value;
        }
    }

    bool contains(Key key) const { return find(key) != nullptr; }

    /// Inserts or overwrites.
    void set(Key key, Value value)
    {
        if ((m_size + 1) * 4 > m_entries.size() * 3)
            rehash(m_entries.empty() ? 16 : m_entries.size() * 2);
        for (std::size_t i = slot(key);; i = (i + 1) & m_mask) {
            Entry &e = m_entries[i];
            if (!e.used) {
                e = Entry{key, value, true};
                ++m_size;
                return;
            }
            if (e.key == key) {
                e.value = value;
                return;
            }
        }
    }

    bool erase(Key key)
    {
        if (m_size == 0)
            return false;
        std::size_t i = slot(key);
        for (;; i = (i + 1) & m_mask) {
            if (!m_entries[i].used)
                return false;
            if (m_entries[i].key == key)
                break;
        }
        // Backward-shift: move later entries of the probe run into the hole.
        std::size_t hole = i;
        for (std::size_t j = (hole + 1) & m_mask; m_entries[j].used; j = (j + 1) & m_mask) {
            const std::size_t home = slot(m_entries[j].key);
            const bool movable = ((j - home) & m_mask) >= ((j - hole) & m_mask);
            if (movable) {
                m_entries[hole] = m_entries[j];
                hole = j;
            }
        }
        m_entries[hole].used = false;
        --m_size;
        return true;
    }

    std::size_t size() const { return m_size; }

private:
    struct Entry {
        Key key{};
        Value value = 0;
        bool used = false;
    };

    std::size_t slot(Key key) const
    {
        // Fibonacci hashing spreads sequential ids over the table.
        const std::uint64_t h = static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull;
        return static_cast<std::size_t>(h >> 32) & m_mask;
    }

    void rehash(std::size_t capacity)
    {
        std::vector<Entry> old;
        old.swap(m_entries);
        m_entries.assign(capacity, Entry{});
        m_mask = capacity - 1;
        m_size = 0;
        for (const Entry &e : old) {
            if (e.used)
                set(e.key, e.value);
        }
    }

    std::vector<Entry> m_entries;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace acd::core
