#pragma once
// The core's own timers (ring-no-answer, wrap-up, relaxation, max wait, interval end). The
// core never sleeps or polls: after every input the shell asks nextDeadline() and arms one
// real (or virtual) timer for it, then calls Engine::advanceTo(). Cancelling a timer is
// forgetting its token; stale entries are skipped when they come due.
#include "core/types.h"

#include <cstdint>
#include <optional>
#include <queue>
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
    std::uint64_t schedule(TimeMs due, TimerKind kind, std::uint32_t object)
    {
        const std::uint64_t token = ++m_lastToken;
        m_heap.push(TimerEntry{due, token, object, kind});
        return token;
    }

    std::optional<TimeMs> nextDue() const
    {
        if (m_heap.empty())
            return std::nullopt;
        return m_heap.top().due;
    }

    bool hasDue(TimeMs now) const { return !m_heap.empty() && m_heap.top().due <= now; }

    TimerEntry pop()
    {
        TimerEntry e = m_heap.top();
        m_heap.pop();
        return e;
    }

    std::size_t size() const { return m_heap.size(); }

private:
    struct Later {
        bool operator()(const TimerEntry &a, const TimerEntry &b) const
        {
            return a.due != b.due ? a.due > b.due : a.token > b.token;
        }
    };
    std::priority_queue<TimerEntry, std::vector<TimerEntry>, Later> m_heap;
    std::uint64_t m_lastToken = 0;
};

} // namespace acd::core
