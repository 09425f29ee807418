#pragma once
// A growable FIFO ring buffer of 24 bytes. Unlike std::deque (about 600 bytes when empty) it
// allocates nothing until the first push, which matters with one statistics window per
// agent, per queue and per session.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace acd::core {

template<typename T>
class Ring {
public:
    Ring() = default;
    Ring(Ring &&) noexcept = default;
    Ring &operator=(Ring &&) noexcept = default;

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    T &front() { return m_buf[m_head]; }
    const T &front() const { return m_buf[m_head]; }
    T &back() { return m_buf[index(m_size - 1)]; }
    const T &back() const { return m_buf[index(m_size - 1)]; }

    void push_back(T value)
    {
        if (m_size == m_capacity)
            grow();
        m_buf[index(m_size)] = std::move(value);
        ++m_size;
    }

    void pop_front()
    {
        m_head = index(1);
        --m_size;
    }

    void pop_back() { --m_size; }

private:
    std::uint32_t index(std::uint32_t i) const
    {
        const std::uint32_t j = m_head + i;
        return j < m_capacity ? j : j - m_capacity;
    }

    void grow()
    {
        const std::uint32_t capacity = m_capacity == 0 ? 8 : m_capacity * 2;
        std::unique_ptr<T[]> bigger(new T[capacity]);
        for (std::uint32_t i = 0; i < m_size; ++i)
            bigger[i] = std::move(m_buf[index(i)]);
        m_buf = std::move(bigger);
        m_capacity = capacity;
        m_head = 0;
    }

    std::unique_ptr<T[]> m_buf;
    std::uint32_t m_capacity = 0;
    std::uint32_t m_head = 0;
    std::uint32_t m_size = 0;
};

} // namespace acd::core
