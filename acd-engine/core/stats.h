#pragma once
// Statistics kept per queue, per agent and per agent session. Each set of counters is kept
// three ways: since the engine started (totals), for the current interval (15 minutes by
// default, aligned to the clock) and over the last `measurement period` seconds (TAPI's
// dwMeasurementPeriod), which is an exact sliding window: every contributing event is kept
// as a 24-byte record until it falls out of the window. Definitions are in docs/routing.md.
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

/// Totals, current interval and measurement window of one object, fed by the same records.
template<typename Counters, typename WindowCounters = Counters>
struct StatSet {
    Counters total;
    Counters interval;
    SlidingWindow<WindowCounters> window;

    void add(const StatRecord &r)
    {
        applyRecord(total, r, +1);
        applyRecord(interval, r, +1);
        const TimeMs v = maxCandidate(static_cast<const Counters *>(nullptr), r);
        raiseMax(total, v);
        raiseMax(interval, v);
        window.add(r);
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
