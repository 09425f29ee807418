#pragma once
// Internal state of the Engine. Only the core's .cpp files include this.
#include "core/calendar.h"
#include "core/engine.h"
#include "core/flat_map.h"
#include "core/timer_queue.h"

#include <array>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace acd::core {

using Index = std::uint32_t;
constexpr Index kNil = 0xFFFFFFFFu;
constexpr int kLevels = kMaxSkillLevel; // buckets 0..15 hold levels 1..16
constexpr int kKeyedStrategies = 4;     // strategies that need an ordered set (not FIFO)
constexpr int kMaxOverflowHops = 8;

/// Strategies served by FIFO lists (idle order) need no key; the others map to a keyed set.
inline int keyedSlot(Strategy s)
{
    switch (s) {
    case Strategy::LeastOccupied:
        return 0;
    case Strategy::FewestCalls:
        return 1;
    case Strategy::RoundRobin:
        return 2;
    case Strategy::Random:
        return 3;
    default:
        return -1;
    }
}

constexpr Index kDetached = 0xFFFFFFFEu; ///< IdleNode::prev of a node in no list

/// An agent's place in one (pool, level) bucket of idle agents: one node per membership,
/// made when the membership is and kept with it. While the agent is idle (and the
/// membership's session Ready) the node is in its bucket's FIFO list; when the agent leaves
/// idle its nodes are unlinked at once, so a lookup meets only idle agents.
struct IdleNode {
    Index agent = kNil;
    std::uint32_t poolAndLevel = 0; ///< pool index in the low 27 bits, skill level above
    Index prev = kDetached;
    Index next = kNil;

    static std::uint32_t pack(Index pool, int level)
    {
        return pool | (static_cast<std::uint32_t>(level) << 27);
    }
    Index pool() const { return poolAndLevel & 0x07FFFFFFu; }
    int level() const { return static_cast<int>(poolAndLevel >> 27); }
    bool linked() const { return prev != kDetached; }
};

struct KeyedIdle {
    std::uint64_t key;
    std::uint64_t idleSeq;
    Index agent;
    friend bool operator<(const KeyedIdle &a, const KeyedIdle &b)
    {
        if (a.key != b.key)
            return a.key < b.key;
        return a.idleSeq < b.idleSeq;
    }
};

/// Waiting-call order: higher priority first, then the caller who arrived first.
struct WaitKey {
    int negPriority;
    std::uint64_t orderSeq;
    Index call;
    friend bool operator<(const WaitKey &a, const WaitKey &b)
    {
        if (a.negPriority != b.negPriority)
            return a.negPriority < b.negPriority;
        return a.orderSeq < b.orderSeq;
    }
};

struct IdleBucket {
    Index head = kNil;
    Index tail = kNil;
};

/// Ordered idle sets for the strategies that need a key, per level; allocated for a pool
/// only when a queue on it uses such a strategy.
using KeyedBuckets = std::array<std::array<std::set<KeyedIdle>, kKeyedStrategies>, kLevels>;

/// Everything routing needs for one (group, skill) pair.
struct Pool {
    Index group = kNil;
    SkillId skill = 0;
    // The idle buckets (FIFO lists) are Impl::m_idleBuckets[pool * kLevels + level - 1].
    std::array<std::set<WaitKey>, kLevels> waiting; // by the call's current minimum level
    std::unique_ptr<KeyedBuckets> keyed;
    std::array<int, kLevels> staffedAtLevel{};           // logged-in members by level
    std::vector<std::pair<Index, std::uint8_t>> members; // (agent, level), logged in
    std::vector<Index> queues; // queues whose own requirement is this pool
};

/// Which of a pool's buckets are non-empty and which keyed strategies it serves, kept apart
/// from the (large) Pool so that the routing path tests them in one small array instead of
/// a cache line of each pool.
struct PoolMasks {
    std::uint32_t idle = 0;    // bit l: idle bucket for level l+1 is non-empty
    std::uint32_t wait = 0;    // bit l: waiting bucket for minimum level l+1 is non-empty
    std::uint8_t keyed = 0;    // which keyed strategies some queue on this pool uses
};

/// What TAPI's LINEAGENTSESSIONINFO reports about the calls of one session.
struct SessionCounters {
    std::uint32_t offered = 0;
    std::uint32_t answered = 0;
    std::uint32_t handled = 0;
    TimeMs ringMs = 0;
    TimeMs maxRingMs = 0;
    TimeMs talkMs = 0;
    TimeMs holdMs = 0;
    TimeMs wrapMs = 0;
};

struct Session {
    SessionId id = 0;
    Index agent = kNil;
    Index group = kNil;
    std::string station;
    SessionState chosen = SessionState::NotReady;
    SessionState next = SessionState::None;
    bool ended = false;
    bool pendingEnd = false; // who asked for it: m_pendingEndBy
    TimeMs startedAt = 0;
    TimeMs endedAt = 0;
    SessionState reported = SessionState::None;
    SessionState reportedNext = SessionState::None;
    SessionCounters counters;
};

/// An agent's place in one pool through one session: (group of the session, skill).
struct Membership {
    Index pool;
    std::uint8_t level;
    Index session;
    Index node = kNil; ///< its IdleNode in m_idleNodes
};

struct Agent {
    AgentConfig cfg;
    TimeMs removedAt = -1; // removeAgent: out of the index; reported until its interval ends
    std::vector<Index> sessions;                  // active (not ended)
    std::vector<Membership> memberships;          // for every active session and every skill
    AgentStateEx chosen = AgentStateEx::NotReady; // what the agent chose: Ready or NotReady
    ReasonCode reason = 0;
    AgentStateEx next = AgentStateEx::Ready; // state after an ACD call and its wrap-up
    ReasonCode nextReason = 0;
    AgentActivity activity = AgentActivity::LoggedOut;
    AgentStateEx reported = AgentStateEx::Released;
    AgentStateEx reportedNext = AgentStateEx::Ready;
    AgentActivity reportedActivity = AgentActivity::LoggedOut;
    ReasonCode reportedReason = 0;
    TimeMs activitySince = 0;
    bool otherIncoming = false;
    // The ACD call the agent is busy with (ringing, connected) or wrapping up.
    Index call = kNil;
    Index callSession = kNil;
    CallId wrapCall = 0;
    Index wrapQueue = kNil;
    TimeMs wrapStart = 0;
    std::int32_t wrapTalkMs = 0; // of the call being wrapped up
    std::int32_t wrapHoldMs = 0;
    std::uint64_t wrapTimer = 0;
    // Idle index membership and strategy keys, fixed while the agent stays idle.
    bool idleIndexed = false;
    bool keyedIndexed = false; // some keyed set holds this agent (erased via memberships)
    bool idlePlaceKept = false; // unindexIdleKeepingPlace(): indexIdle() reuses idleSeq, keys
    std::uint64_t idleSeq = 0;
    std::array<std::uint64_t, kKeyedStrategies> idleKeys{};
    std::uint64_t lastOfferSeq = 0;
    // Since login, for the least-occupied and fewest-calls strategies.
    std::uint64_t answeredSinceLogin = 0;
    TimeMs busySinceLoginMs = 0;
    TimeMs availableSinceLoginMs = 0;
    StatTotals<AgentCounters> stats; // measurement window: Impl::m_agentWindows
};

struct CallTarget {
    Index pool;
    std::uint8_t minLevel;
};

enum class CallPhase : std::uint8_t { Queued, Ringing, Connected };

struct Call {
    CallId id = 0;
    Index queue = kNil;
    std::string ani;
    std::string dnis;
    int priority = kMinPriority;
    SkillRequirement skill; // the requirement in the current queue
    std::vector<SkillRequirement> extraSkills;
    TimeMs arrivedAt = 0;
    TimeMs queueEnteredAt = 0;
    std::uint64_t orderSeq = 0; // original arrival order; kept across requeue and overflow
    std::vector<CallTarget> targets;
    bool indexed = false;
    int relaxStep = 0;
    int overflowHops = 0;
    bool maxWaitExpired = false;
    std::uint64_t relaxBase = 0; // token of step 0; step i has token relaxBase + i
    std::uint64_t maxWaitTimer = 0;
    std::uint64_t ringTimer = 0;
    CallPhase phase = CallPhase::Queued;
    bool held = false;
    TimeMs holdSince = 0;
    TimeMs holdMs = 0;
    Index agent = kNil;
    Index session = kNil;
    TimeMs offeredAt = 0;
    TimeMs answeredAt = 0;
    // The agent it was last taken back from at the ring timeout, and when it was offered to
    // them: a late answer there (callAnsweredBy) gives it to that agent after all.
    Index retractedFrom = kNil;
    TimeMs retractedOfferAt = 0;
    bool live = false;
};

struct UnansweredEntry {
    TimeMs enteredAt;
    CallId call;
    Index slot;
};

struct Queue {
    QueueConfig cfg;
    TimeMs removedAt = -1; // removeQueue: out of the index; reported until its interval ends
    Index group = kNil;
    Index pool = kNil;
    Index overflow = kNil;
    std::vector<Index> relaxPools; // per relaxation step: the pool an AddQueue step adds
    int waiting = 0;
    int ringing = 0;
    /// Calls that entered this queue, in entry order (entry times never decrease). Entries
    /// of calls that were answered or left are dropped lazily from the front.
    Ring<UnansweredEntry> unanswered;
    StatTotals<QueueCounters> stats; // measurement window: Impl::m_queueWindows
};

struct Group {
    GroupConfig cfg;
    std::vector<Index> sessions; // active sessions in this group
};

/// The time-in-state counter an activity's time goes to; null for logged out.
inline TimeMs AgentCounters::*timeInStateField(AgentActivity activity)
{
    switch (activity) {
    case AgentActivity::NotReady:
        return &AgentCounters::notReadyMs;
    case AgentActivity::Available:
        return &AgentCounters::availableMs;
    case AgentActivity::Ringing:
        return &AgentCounters::ringingMs;
    case AgentActivity::OnCall:
        return &AgentCounters::onCallMs;
    case AgentActivity::WrapUp:
        return &AgentCounters::wrapUpMs;
    case AgentActivity::OtherCall:
        return &AgentCounters::otherCallMs;
    case AgentActivity::LoggedOut:
        return nullptr;
    }
    return nullptr;
}

/// Grows a table by a quarter instead of doubling, so per-agent memory carries little slack.
template<typename T>
void reserveForOneMore(std::vector<T> &v)
{
    if (v.size() == v.capacity())
        v.reserve(v.size() + v.size() / 4 + 16);
}

/// A slot of `table` for a new element: the last freed one, else a new one at the end (the
/// element is left as it was: the caller resets it).
template<typename T>
Index takeSlot(std::vector<T> &table, std::vector<Index> &freeSlots)
{
    if (!freeSlots.empty()) {
        const Index i = freeSlots.back();
        freeSlots.pop_back();
        return i;
    }
    reserveForOneMore(table);
    table.emplace_back();
    return static_cast<Index>(table.size() - 1);
}

class Engine::Impl {
public:
    explicit Impl(EngineConfig config);

    // engine_config.cpp
    Status addSkill(const SkillConfig &skill);
    Status addGroup(const GroupConfig &group);
    Status addQueue(const QueueConfig &queue);
    Status updateQueue(const QueueConfig &queue);
    Status addAgent(const AgentConfig &agent);
    Status setAgentSkills(AgentId agent, const std::vector<AgentSkill> &skills);
    Status setReasonCode(ReasonCode code, const std::string &name);
    Status validateQueue(const QueueConfig &q, bool isUpdate) const;
    Status validateSkills(const std::string &owner, const std::vector<AgentSkill> &skills) const;
    Status validateReferences() const;
    Status removeQueue(QueueId queue);
    Status removeAgent(AgentId agent);
    Index poolFor(Index group, SkillId skill); // creates on demand
    void applyQueueRules(Index q);

    // engine_agents.cpp
    Result<SessionId> createSession(AgentId agent, GroupId group, const std::string &station);
    Status endSession(SessionId session, const std::string &forcedBy);
    Status logoutAgent(AgentId agent, const std::string &forcedBy);
    Status setAgentState(AgentId agent, AgentStateEx state, AgentStateEx nextState,
                         ReasonCode reason, const std::string &forcedBy);
    Status setSessionState(SessionId session, SessionState state, SessionState nextState,
                           const std::string &forcedBy);
    Status otherCallStarted(AgentId agent, bool incoming);
    Status otherCallEnded(AgentId agent);
    void setActivity(Index a, AgentActivity activity, const std::string &forcedBy = {});
    void reportStates(Index a, const std::string &forcedBy);
    /// The agent's busy period ended: finish pending session ends, then go to `target`.
    void becomeFree(Index a, AgentStateEx target, ReasonCode reason, const std::string &forcedBy);
    void finishSessionEnd(Index s, const std::string &forcedBy);
    void joinPools(Index a, Index s);
    void leavePools(Index a, Index s);
    void checkStaffing(Index a, Index group);
    void endWrapUp(Index a, const std::string &forcedBy);
    void finishWrapUp(Index a);
    AgentStateEx reportedState(const Agent &agent) const;
    SessionState reportedState(const Session &session) const;
    void flushActivityTime(Agent &agent);

    // engine_routing.cpp
    void routeAgent(Index a); // agent just became available
    bool routeCall(Index c);  // call waits or was relaxed; true if offered
    Index findAgentFor(const Call &call);
    /// First node of a bucket whose agent qualifies for `call`.
    Index firstQualifying(Index pool, int level, const Call &call);
    /// A detached node for a new membership of agent `a` in (pool, level).
    Index newIdleNode(Index a, Index pool, int level);
    void freeIdleNode(Index n);
    void linkNode(Index n);   ///< in its bucket, in idle order (the tail unless a place was kept)
    void unlinkNode(Index n); ///< out of its bucket; detached
    Index findCallFor(const Agent &agent) const;
    bool agentQualifies(const Agent &agent, const Call &call) const;
    void offer(Index c, Index a);
    void indexIdle(Index a);
    void unindexIdle(Index a);
    /// Takes an idle agent out of the idle index while its sessions or skills change; the
    /// next indexIdle() puts it back in its old place in the idle order, with the same
    /// strategy keys. Such a change does not start a new idle period.
    void unindexIdleKeepingPlace(Index a);
    void indexCall(Index c);
    void unindexCall(Index c);
    void addKeyedStrategy(Index pool, int slot);
    std::uint64_t idleKeyFor(const Agent &agent, int slot);

    // engine_calls.cpp
    Status callArrived(const CallArrival &arrival);
    Status callAnswered(CallId id);
    Status callAnsweredBy(CallId id, AgentId agentId);
    /// Books the answer of a call ringing at its agent.
    void answer(Index c);
    /// A late answer: gives a call taken back from agent `a` to that agent, ringing.
    Status giveBackToAgent(Index c, Index a);
    /// The session of `agent` that receives call `call`: its session in the group of the first
    /// target the agent serves, else its first session.
    Index sessionFor(const Call &call, const Agent &agent) const;
    Status callHeld(CallId id);
    Status callRetrieved(CallId id);
    Status callCleared(CallId id);
    Status offerFailed(CallId id);
    void enterQueue(Index c, Index q, bool flowedIn);
    /// Makes the call's routing target the pool of `queue`'s group and the call's skill (at
    /// the call's minimum level), as a call entering the queue has; returns that pool.
    Index targetQueue(Call &call, const Queue &queue);
    /// Takes a waiting call out of its queue to the queue's target for `reason` (the closed
    /// queue for Closed, else the overflow queue), or disconnects it when there is none.
    void overflow(Index c, OverflowReason reason);
    void requeue(Index c, RequeueReason reason, ReasonCode agentReason = 0);
    void abandon(Index c);
    void completeAnswered(Index c);
    void releaseCall(Index c);
    void applyRelaxation(Index c);
    void scheduleRelaxation(Index c);
    void cancelCallTimers(Call &call);
    void emitQueueChanged(Index q);
    int staffed(const Queue &queue) const;
    int staffed(Index pool, int minLevel) const;
    /// True while the entry's call still waits or rings in queue `q`.
    bool stillUnanswered(Index q, const UnansweredEntry &e) const;
    /// Drops answered / departed calls from the front of the queue's entry FIFO.
    void trimUnanswered(Index q) const;
    Result<Index> findCall(CallId id) const;

    // engine_time.cpp
    void advanceTo(TimeMs now);
    void onTimer(const TimerEntry &timer);
    void closeInterval(TimeMs boundary);
    void ensureIntervalTimer();

    // engine_queries.cpp
    Result<QueueSnapshot> queueSnapshot(QueueId id) const;
    Result<AgentSnapshot> agentSnapshot(AgentId id) const;
    Result<SessionSnapshot> sessionSnapshot(SessionId id) const;
    Result<CallSnapshot> callSnapshot(CallId id) const;

    template<typename T>
    void emit(T &&body)
    {
        m_effects.emplace_back(++m_seq, m_now, std::forward<T>(body));
    }

    /// Feeds a record to a queue's (agent's) totals, interval and measurement window.
    void queueStat(Index q, const StatRecord &r)
    {
        m_queues[q].stats.add(r);
        m_queueWindows.add(q, r);
    }
    void agentStat(Index a, const StatRecord &r)
    {
        m_agents[a].stats.add(r);
        m_agentWindows.add(a, r);
    }

    Result<Index> findAgent(AgentId id) const;
    Result<Index> findQueue(QueueId id) const;
    Result<Index> findGroup(GroupId id) const;
    Result<Index> findSession(SessionId id) const;
    int skillLevel(const Agent &agent, SkillId skill) const;

    EngineConfig m_config;
    const TimeZones *m_timeZones = nullptr; ///< for business hours; null: UTC
    TimeMs m_now = 0;
    bool m_started = false;
    std::uint64_t m_seq = 0;
    std::vector<Effect> m_effects;
    TimerQueue m_timers;

    std::unordered_map<SkillId, std::string> m_skills;
    std::vector<Group> m_groups;
    std::unordered_map<GroupId, Index> m_groupIndex;
    mutable std::vector<Queue> m_queues; // mutable: queries trim stale FIFO entries
    FlatIndex<QueueId> m_queueIndex;
    std::vector<Agent> m_agents;
    /// Parallel to m_agents: the agent's idleSeq while it is in the idle index, else 0. The
    /// idle order across pools is compared in this small array rather than the agent record.
    std::vector<std::uint64_t> m_idleLive;
    /// Parallel to m_agents: each agent's activity, one byte, so that a queue snapshot counts
    /// its members by state in this small array rather than in each agent's record (a cache
    /// miss per member at 10,000 agents).
    std::vector<AgentActivity> m_activityOf;
    FlatIndex<AgentId> m_agentIndex;
    std::vector<Session> m_sessions;
    FlatIndex<SessionId> m_sessionIndex;
    std::vector<Pool> m_pools;
    std::vector<PoolMasks> m_poolMasks; // parallel to m_pools
    /// Idle FIFO lists, kLevels per pool (pool * kLevels + level - 1): 8 bytes each in one
    /// array, so that indexing an idle agent in its ten pools touches few cache lines.
    std::vector<IdleBucket> m_idleBuckets;
    IdleBucket &idleBucket(Index pool, int level) { return m_idleBuckets[pool * kLevels + level - 1]; }
    // Measurement windows, object i being m_queues[i] / m_agents[i]. Mutable: queries drop
    // the records that have left the window.
    mutable WindowTable<QueueCounters> m_queueWindows;
    mutable WindowTable<AgentCallCounters> m_agentWindows;
    std::unordered_map<std::uint64_t, Index> m_poolIndex; // (group << 32) | skill
    std::vector<IdleNode> m_idleNodes; // one per membership (free ones listed below)
    std::vector<Index> m_freeIdleNodes;
    std::unordered_map<Index, std::string> m_pendingEndBy; // session -> forcedBy (rare)
    std::vector<Call> m_calls;
    std::vector<Index> m_freeCalls;
    FlatIndex<CallId> m_callIndex;

    std::uint64_t m_idleSeq = 0;
    std::uint64_t m_offerSeq = 0;
    std::uint64_t m_arrivalSeq = 0;
    SessionId m_lastSessionId = 0;
    TimeMs m_intervalStart = 0;
    std::uint64_t m_intervalTimer = 0;
    std::mt19937_64 m_rng;
};

} // namespace acd::core
