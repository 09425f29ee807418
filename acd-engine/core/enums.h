#pragma once
// Every domain enum of the core with one canonical string table each. The same strings are
// used by the wire protocol, the logs and the SQLite store, so never rename one casually.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace acd::core {

/// What TAPI 2.2 reports as the agent state (LINEAGENTSTATEEX_*; same numeric values).
enum class AgentStateEx : std::uint32_t {
    None = 0, ///< "leave unchanged" in a request
    NotReady = 0x01,
    Ready = 0x02,
    BusyAcd = 0x04,
    BusyIncoming = 0x08,
    BusyOutgoing = 0x10,
    Unknown = 0x20,
    Released = 0x40, ///< logged out
};

/// What TAPI 2.2 reports as an agent session state (LINEAGENTSESSIONSTATE_*; same values).
enum class SessionState : std::uint32_t {
    None = 0,
    NotReady = 0x01,
    Ready = 0x02,
    BusyOnCall = 0x04,
    BusyWrapUp = 0x08,
    Ended = 0x10,
    Released = 0x20,
};

/// What the engine is doing with an agent, as opposed to what the agent chose (their status).
enum class AgentActivity : std::uint8_t {
    LoggedOut,
    NotReady,  ///< chosen Not Ready (with a reason code)
    Available, ///< Ready and idle: may be offered a call
    Ringing,   ///< reserved: an ACD call is ringing at the station
    OnCall,    ///< talking or holding on an ACD call
    WrapUp,    ///< after-call work following an ACD call
    OtherCall, ///< on a non-ACD call at the station
};
inline constexpr std::size_t kActivityCount = 7; ///< AgentActivity's values, 0 to 6
static_assert(static_cast<std::size_t>(AgentActivity::OtherCall) + 1 == kActivityCount);

/// How a queue picks among several idle qualified agents.
enum class Strategy : std::uint8_t {
    LongestIdle,   ///< most idle since becoming available (default; Avaya UCD-MIA)
    LeastOccupied, ///< lowest occupancy since login (Avaya UCD-LOA)
    MostSkilled,   ///< highest skill level, then longest idle (Avaya EAD-MIA)
    FewestCalls,   ///< fewest ACD calls answered since login, then longest idle
    RoundRobin,    ///< least recently offered a call
    Random,        ///< uniformly random from the engine's seeded generator
};
constexpr int kStrategyCount = 6;

/// How a call finally left the ACD. Exactly one per call.
enum class Disposition : std::uint8_t {
    Answered,             ///< answered by an agent and completed
    Abandoned,            ///< caller hung up while queued
    AbandonedRinging,     ///< caller hung up while ringing at an agent
    OverflowDisconnected, ///< overflow rule without a target queue disconnected the call
    Transferred,          ///< answered, then transferred out of the ACD
    Interrupted,          ///< the engine stopped while the call was in progress
};

/// Why a call left its queue for another queue (or was disconnected by overflow).
enum class OverflowReason : std::uint8_t { MaxWait, MaxLength, NoAgents, Closed };

/// Why a ringing call was taken back from an agent and put back at its place in the queue.
enum class RequeueReason : std::uint8_t {
    RingNoAnswer, ///< RONA timeout
    OfferFailed,  ///< the switch could not deliver the call to the station
    AgentLeft,    ///< the agent logged out or went Not Ready while it rang
    LateAnswer,   ///< withdrawn: the agent it was taken back from answered it after all
};

/// One step of a queue's time-based relaxation schedule.
enum class RelaxAction : std::uint8_t {
    LowerMinLevel, ///< value = the new minimum skill level
    AddQueue,      ///< value = a queue whose agents may now also take the call
    RaisePriority, ///< value = how much to add to the priority (capped at 10)
};

std::string_view toString(AgentStateEx v);
std::string_view toString(SessionState v);
std::string_view toString(AgentActivity v);
std::string_view toString(Strategy v);
std::string_view toString(Disposition v);
std::string_view toString(OverflowReason v);
std::string_view toString(RequeueReason v);
std::string_view toString(RelaxAction v);

std::optional<AgentStateEx> agentStateExFromString(std::string_view s);
std::optional<SessionState> sessionStateFromString(std::string_view s);
std::optional<AgentActivity> agentActivityFromString(std::string_view s);
std::optional<Strategy> strategyFromString(std::string_view s);
std::optional<Disposition> dispositionFromString(std::string_view s);
std::optional<OverflowReason> overflowReasonFromString(std::string_view s);
std::optional<RequeueReason> requeueReasonFromString(std::string_view s);
std::optional<RelaxAction> relaxActionFromString(std::string_view s);

} // namespace acd::core
