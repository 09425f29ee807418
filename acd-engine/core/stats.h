#pragma once
// Statistics kept per queue, per agent and per agent session. Each set of counters is kept
// three ways: since the engine started (totals), for the current interval (15 minutes by
// default, aligned to the clock) and over the last `measurement period` seconds (TAPI's
// dwMeasurementPeriod), which is an exact sliding window: every contributing event is kept
// as a 24-byte record until it falls out of the window. The engine keeps the windows of all
// its queues (and of all its agents) in a WindowTable: one shared time-ordered log per period
// with running sums per object. Definitions are in docs/routing.md.
#include "core/ring.h"
#include "core/types.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace acd::core {

/// The three service-level definitions supervisors ask for.
enum class ServiceLevelDefinition {
    Offered,               ///< answered within T / (answered + abandoned)
    AnsweredOnly,          ///< answered within T / answered
    ShortAbandonsExcluded, ///< answered within T / (answered + abandoned - short abandons)
};

struct QueueCounters {
    std::uint64_t offered = 0; ///< calls that entered the queue (arrivals + flowed in)
    std::uint64_t flowedIn = 0;
    std::uint64_t flowedOut = 0;
    std::uint64_t answered = 0;
    std::uint64_t answeredInSl = 0;
    std::uint64_t abandoned = 0; ///< all abandons, in queue or while ringing
    std::uint64_t abandonedRinging = 0;
    std::uint64_t abandonedShort = 0;
    std::uint64_t abandonedInSl = 0;
    std::uint64_t disconnected = 0; ///< by an overflow rule without a target
    std::uint64_t handled = 0;      ///< answered calls whose after-call work has ended
    TimeMs waitAnsweredMs = 0;
    TimeMs waitAbandonedMs = 0;
    TimeMs maxWaitMs = 0; ///< longest wait of any call that left the queue
    TimeMs talkMs = 0;
    TimeMs holdMs = 0;
    TimeMs wrapMs = 0;

    double serviceLevel(ServiceLevelDefinition def) const;
    double asaSeconds() const;         ///< mean wait of answered calls
    double averageWaitSeconds() const; ///< mean wait of answered and abandoned calls
    double ahtSeconds() const;         ///< (talk + hold + wrap-up) / handled
    double abandonRate() const;        ///< abandoned / (answered + abandoned)
    double averageAbandonSeconds() const;

    bool operator==(const QueueCounters &) const = default;
};

/// An agent's call figures: what the measurement window keeps. Counts are 32-bit (TAPI
/// reports them as DWORDs) to keep an agent small.
struct AgentCallCounters {
    std::uint32_t offered = 0;  ///< ACD calls that rang at the agent
    std::uint32_t answered = 0; ///< ACD calls answered
    std::uint32_t ringNoAnswer = 0;
    std::uint32_t handled = 0;       ///< ACD calls whose after-call work has ended
    std::uint32_t incomingCalls = 0; ///< non-ACD
    std::uint32_t outgoingCalls = 0; ///< non-ACD
    TimeMs ringMs = 0;               ///< time to answer, summed over answered calls
    TimeMs maxRingMs = 0;            ///< longest time to answer
    TimeMs talkMs = 0;
    TimeMs holdMs = 0;
    TimeMs wrapMs = 0;

    double averageTalkSeconds() const;
    double averageCallSeconds() const; ///< talk + hold
    double averageWrapSeconds() const;
    double averageHandleSeconds() const; ///< talk + hold + wrap-up
    double averageRingSeconds() const;   ///< average time to answer
};

/// Call figures plus time in each activity (totals and intervals; the measurement window
/// counts calls only).
struct AgentCounters : AgentCallCounters {
    TimeMs availableMs = 0;
    TimeMs notReadyMs = 0;
    TimeMs ringingMs = 0;
    TimeMs onCallMs = 0;
    TimeMs wrapUpMs = 0;
    TimeMs otherCallMs = 0;

    TimeMs staffedMs() const;
    double occupancy() const; ///< (ringing + on call + wrap-up) / (that + available)
};

/// One contribution to a sliding window. `kind` says which counters a, b, c feed.
struct StatRecord {
    TimeMs at = 0;
    std::uint8_t kind = 0;
    std::uint8_t flags = 0;
    std::int32_t a = 0;
    std::int32_t b = 0;
    std::int32_t c = 0;
};

inline StatRecord makeRecord(TimeMs at, std::uint8_t kind, std::uint8_t flags = 0,
                             std::int32_t a = 0, std::int32_t b = 0, std::int32_t c = 0)
{
    return StatRecord{at, kind, flags, a, b, c};
}

enum QueueRecordKind : std::uint8_t {
    kQueueEntered,      // flags: 1 = flowed in
    kQueueAnswered,     // a = wait; flags: 1 = in service level
    kQueueAbandoned,    // a = wait; flags: 1 = in SL, 2 = short, 4 = ringing
    kQueueFlowedOut,    // a = wait
    kQueueDisconnected, // a = wait
    kQueueHandled,      // a = talk, b = hold, c = wrap-up
};

enum AgentRecordKind : std::uint8_t {
    kAgentOffered,
    kAgentAnswered, // a = ring time
    kAgentRingNoAnswer,
    kAgentHandled,   // a = talk, b = hold, c = wrap-up
    kAgentOtherCall, // flags: 1 = incoming, 2 = outgoing
};

void applyRecord(QueueCounters &c, const StatRecord &r, int sign);
void applyRecord(AgentCallCounters &c, const StatRecord &r, int sign);
/// The wait (queue) or ring time (agent) a record contributes to the "longest" figure.
TimeMs maxCandidate(const QueueCounters *, const StatRecord &r);
TimeMs maxCandidate(const AgentCallCounters *, const StatRecord &r);

/// Exact counters over (now - period, now]. Old records are dropped lazily on add and query.
template<typename Counters>
class SlidingWindow {
public:
    explicit SlidingWindow(TimeMs periodMs = 1800 * kMsPerSecond)
        : m_periodMs(periodMs)
    {}

    TimeMs periodMs() const { return m_periodMs; }
    /// Changing the period keeps the records already held (those older than the old period
    /// are gone), so lengthening it fills up as time passes.
    void setPeriod(TimeMs periodMs) { m_periodMs = periodMs; }

    void add(const StatRecord &r)
    {
        evict(r.at);
        m_records.push_back(r);
        applyRecord(m_counters, r, +1);
        const TimeMs v = maxCandidate(static_cast<const Counters *>(nullptr), r);
        if (v >= 0) {
            while (!m_maxima.empty() && m_maxima.back().second <= v)
                m_maxima.pop_back();
            m_maxima.push_back({r.at, v});
        }
    }

    Counters at(TimeMs now) const
    {
        evict(now);
        Counters c = m_counters;
        setMax(c, m_maxima.empty() ? 0 : m_maxima.front().second);
        return c;
    }

    std::size_t recordCount() const { return m_records.size(); }

private:
    static void setMax(QueueCounters &c, TimeMs v) { c.maxWaitMs = v; }
    static void setMax(AgentCallCounters &c, TimeMs v) { c.maxRingMs = v; }

    void evict(TimeMs now) const
    {
        const TimeMs cutoff = now - m_periodMs;
        while (!m_records.empty() && m_records.front().at <= cutoff) {
            applyRecord(m_counters, m_records.front(), -1);
            m_records.pop_front();
        }
        while (!m_maxima.empty() && m_maxima.front().first <= cutoff)
            m_maxima.pop_front();
    }

    TimeMs m_periodMs;
    mutable Ring<StatRecord> m_records;
    mutable Ring<std::pair<TimeMs, TimeMs>> m_maxima; // (at, value), values decreasing
    mutable Counters m_counters;
};

/// Totals and current interval of one object, fed by the records (the measurement window is
/// kept apart, in a WindowTable or a SlidingWindow).
template<typename Counters>
struct StatTotals {
    Counters total;
    Counters interval;

    void add(const StatRecord &r)
    {
        applyRecord(total, r, +1);
        applyRecord(interval, r, +1);
        const TimeMs v = maxCandidate(static_cast<const Counters *>(nullptr), r);
        raiseMax(total, v);
        raiseMax(interval, v);
    }

private:
    static void raiseMax(QueueCounters &c, TimeMs v)
    {
        if (v > c.maxWaitMs)
            c.maxWaitMs = v;
    }
    static void raiseMax(AgentCallCounters &c, TimeMs v)
    {
        if (v > c.maxRingMs)
            c.maxRingMs = v;
    }
};

/// Totals, current interval and measurement window of one object, fed by the same records.
template<typename Counters, typename WindowCounters = Counters>
struct StatSet : StatTotals<Counters> {
    SlidingWindow<WindowCounters> window;

    void add(const StatRecord &r)
    {
        StatTotals<Counters>::add(r);
        window.add(r);
    }
};

/// The measurement windows of many objects (all queues, or all agents), with exactly the
/// figures of one SlidingWindow per object, but laid out for many objects: the records of
/// every object with the same period go to one shared, time-ordered log (one log per
/// distinct period). Adding appends to the end of that log; records leave from its front
/// and are subtracted from their owner's running sums. So adding touches the end of one
/// array instead of a ring buffer per object scattered over the heap, and eviction reads
/// the log sequentially and writes only the owners' small sums. The longest wait / ring
/// time keeps a short per-object queue of decreasing maxima, as in SlidingWindow.
///
/// Objects are numbered 0, 1, ... in the order added (the engine uses its table indexes).
template<typename Counters>
class WindowTable {
public:
    void addObject(TimeMs periodMs)
    {
        Object o;
        o.periodMs = periodMs;
        o.log = logFor(periodMs);
        m_objects.push_back(std::move(o));
    }
    void reserve(std::size_t objects) { m_objects.reserve(objects); }
    std::size_t size() const { return m_objects.size(); }

    TimeMs periodMs(std::uint32_t id) const { return m_objects[id].periodMs; }

    /// As SlidingWindow::setPeriod: records older than the old period (at `now`) are gone;
    /// those still held count under the new period from now on. O(records held): a
    /// configuration change, not a routing operation.
    void setPeriod(std::uint32_t id, TimeMs periodMs, TimeMs now)
    {
        if (m_objects[id].periodMs == periodMs)
            return;
        const std::uint32_t to = logFor(periodMs); // may grow m_logs: no references before
        const std::uint32_t from = m_objects[id].log;
        evict(m_logs[from], now);
        evictMaxima(m_objects[id], now);
        Ring<Entry> kept;
        Ring<Entry> moved;
        Ring<Entry> &old = m_logs[from].entries;
        while (!old.empty()) {
            (old.front().owner == id ? moved : kept).push_back(old.front());
            old.pop_front();
        }
        old = std::move(kept);
        Ring<Entry> merged;
        Ring<Entry> &dest = m_logs[to].entries;
        while (!dest.empty() || !moved.empty()) {
            const bool takeDest =
                moved.empty() || (!dest.empty() && dest.front().record.at <= moved.front().record.at);
            Ring<Entry> &src = takeDest ? dest : moved;
            merged.push_back(src.front());
            src.pop_front();
        }
        dest = std::move(merged);
        m_objects[id].periodMs = periodMs;
        m_objects[id].log = to;
        evict(m_logs[to], now);
    }

    /// Records must come in time order across all objects (the engine's clock).
    void add(std::uint32_t id, const StatRecord &r)
    {
        Object &o = m_objects[id];
        Log &log = m_logs[o.log];
        evict(log, r.at);
        log.entries.push_back(Entry{r, id});
        applyRecord(o.counters, r, +1);
        const TimeMs v = maxCandidate(static_cast<const Counters *>(nullptr), r);
        if (v >= 0) {
            evictMaxima(o, r.at);
            while (!o.maxima.empty() && o.maxima.back().second <= v)
                o.maxima.pop_back();
            o.maxima.push_back({r.at, v});
        }
    }

    /// Counters of object `id` over (now - period, now].
    Counters at(std::uint32_t id, TimeMs now) const
    {
        Object &o = m_objects[id];
        evict(m_logs[o.log], now);
        evictMaxima(o, now);
        Counters c = o.counters;
        setMax(c, o.maxima.empty() ? 0 : o.maxima.front().second);
        return c;
    }

    /// Records held for all objects.
    std::size_t recordCount() const
    {
        std::size_t n = 0;
        for (const Log &log : m_logs)
            n += log.entries.size();
        return n;
    }

private:
    struct Object {
        Counters counters; // sums of the records held, maxima aside
        Ring<std::pair<TimeMs, TimeMs>> maxima; // (at, value), values decreasing
        TimeMs periodMs = 0;
        std::uint32_t log = 0;
    };
    struct Entry {
        StatRecord record;
        std::uint32_t owner;
    };
    struct Log {
        TimeMs periodMs = 0;
        Ring<Entry> entries; // time order
    };

    static void setMax(QueueCounters &c, TimeMs v) { c.maxWaitMs = v; }
    static void setMax(AgentCallCounters &c, TimeMs v) { c.maxRingMs = v; }

    std::uint32_t logFor(TimeMs periodMs)
    {
        for (std::uint32_t i = 0; i < m_logs.size(); ++i) {
            if (m_logs[i].periodMs == periodMs)
                return i;
        }
        m_logs.emplace_back();
        m_logs.back().periodMs = periodMs;
        return static_cast<std::uint32_t>(m_logs.size() - 1);
    }

    void evict(Log &log, TimeMs now) const
    {
        const TimeMs cutoff = now - log.periodMs;
        while (!log.entries.empty() && log.entries.front().record.at <= cutoff) {
            const Entry &e = log.entries.front();
            applyRecord(m_objects[e.owner].counters, e.record, -1);
            log.entries.pop_front();
        }
    }

    void evictMaxima(Object &o, TimeMs now) const
    {
        const TimeMs cutoff = now - o.periodMs;
        while (!o.maxima.empty() && o.maxima.front().first <= cutoff)
            o.maxima.pop_front();
    }

    mutable std::vector<Object> m_objects;
    mutable std::vector<Log> m_logs;
};

struct QueueIntervalRecord {
    QueueId queue;
    QueueCounters counters;
};

struct AgentIntervalRecord {
    AgentId agent;
    AgentCounters counters;
};

/// Everything that happened in one closed interval [start, end).
struct IntervalReport {
    TimeMs start = 0;
    TimeMs end = 0;
    std::vector<QueueIntervalRecord> queues;
    std::vector<AgentIntervalRecord> agents;
};

} // namespace acd::core
