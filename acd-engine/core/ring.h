#pragma once
// A growable FIFO ring buffer. Unlike std::deque it allocates nothing until the first push
// (an empty std::deque costs about 600 bytes), which matters with one statistics window per
// agent, per queue and per session.
#include <cstddef>
#include <utility>
#include <vector>

namespace acd::core {

template<typename T>
class Ring {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    T &front() { return m_buf[m_head]; }
    const T &front() const { return m_buf[m_head]; }
    T &back() { return m_buf[index(m_size - 1)]; }
    const T &back() const { return m_buf[index(m_size - 1)]; }

    void push_back(T value)
    {
        if (m_size == m_buf.size())
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
    std::size_t index(std::size_t i) const
    {
        const std::size_t j = m_head + i;
        return j < m_buf.size() ? j : j - m_buf.size();
    }

    void grow()
    {
        std::vector<T> bigger;
        bigger.reserve(m_buf.empty() ? 8 : m_buf.size() * 2);
        for (std::size_t i = 0; i < m_size; ++i)
            bigger.push_back(std::move(m_buf[index(i)]));
        bigger.resize(bigger.capacity());
        m_buf.swap(bigger);
        m_head = 0;
    }

    std::vector<T> m_buf;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace acd::core
