#pragma once
// The core's own timers (ring-no-answer, wrap-up, relaxation, max wait, interval end). The
// core never sleeps or polls: after every input the shell asks nextDeadline() and arms one
// real (or virtual) timer for it, then calls Engine::advanceTo(). Cancelling a timer is
// forgetting its token; stale entries are skipped when they come due.
//
// Every timer the core sets has a duration fixed by configuration (a queue's ring timeout,
// wrap-up time, max wait, relaxation step; the interval length), so timers of the same
// duration come due in the order they were set. Each distinct duration gets a FIFO: setting
// and expiring a timer are O(1), and the next deadline is the earliest FIFO head among the
// few distinct durations (kept in a small binary heap of FIFOs).
#include "core/ring.h"
#include "core/types.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace acd::core {

enum class TimerKind : std::uint8_t { RingTimeout, WrapUpEnd, Relaxation, MaxWait, IntervalEnd };

struct TimerEntry {
    TimeMs due;
    std::uint64_t token;  ///< unique and increasing; also orders timers due at the same time
    std::uint32_t object; ///< call or agent slot
    TimerKind kind;
};

class TimerQueue {
public:
    /// Sets a timer `duration` ms after `now`.
    std::uint64_t schedule(TimeMs now, TimeMs duration, TimerKind kind, std::uint32_t object)
    {
        const std::uint64_t token = ++m_lastToken;
        std::size_t f;
        const auto it = m_fifoOf.find(duration);
        if (it == m_fifoOf.end()) {
            f = m_fifos.size();
            m_fifos.emplace_back();
            m_fifoOf.emplace(duration, f);
        } else {
            f = it->second;
        }
        Ring<TimerEntry> &fifo = m_fifos[f];
        const bool wasEmpty = fifo.empty();
        fifo.push_back(TimerEntry{now + duration, token, object, kind});
        if (wasEmpty)
            pushHead(f);
        ++m_size;
        return token;
    }

    std::optional<TimeMs> nextDue() const
    {
        if (m_heads.empty())
            return std::nullopt;
        return m_fifos[m_heads.front()].front().due;
    }

    bool hasDue(TimeMs now) const { return !m_heads.empty() && headDue() <= now; }

    /// Removes and returns the earliest timer (ties: the one set first).
    TimerEntry pop()
    {
        const std::size_t f = m_heads.front();
        std::pop_heap(m_heads.begin(), m_heads.end(), later());
        m_heads.pop_back();
        Ring<TimerEntry> &fifo = m_fifos[f];
        const TimerEntry e = fifo.front();
        fifo.pop_front();
        if (!fifo.empty())
            pushHead(f);
        --m_size;
        return e;
    }

    std::size_t size() const { return m_size; }

private:
    TimeMs headDue() const { return m_fifos[m_heads.front()].front().due; }

    /// Heap order of FIFOs: the one whose head is due later sinks.
    struct Later {
        const std::vector<Ring<TimerEntry>> *fifos;
        bool operator()(std::size_t a, std::size_t b) const
        {
            const TimerEntry &x = (*fifos)[a].front();
            const TimerEntry &y = (*fifos)[b].front();
            return x.due != y.due ? x.due > y.due : x.token > y.token;
        }
    };
    Later later() const { return Later{&m_fifos}; }

    void pushHead(std::size_t f)
    {
        m_heads.push_back(f);
        std::push_heap(m_heads.begin(), m_heads.end(), later());
    }

    std::vector<Ring<TimerEntry>> m_fifos;
    std::unordered_map<TimeMs, std::size_t> m_fifoOf; // duration -> fifo
    std::vector<std::size_t> m_heads;                 // heap of non-empty fifos by head
    std::uint64_t m_lastToken = 0;
    std::size_t m_size = 0;
};

} // namespace acd::core
