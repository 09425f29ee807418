#pragma once
// Configuration the admin defines: skills, ACD groups, queues with their routing rules,
// agents, reason codes. Validated by Engine::add*/update* with errors naming item and field.
#include "core/enums.h"
#include "core/types.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace acd::core {

struct SkillConfig {
    SkillId id = 0;
    std::string name;
};

/// TAPI's ACD group: agents join a group with an agent session; a group serves queues.
struct GroupConfig {
    GroupId id = 0;
    Guid guid;
    std::string name;
};

struct SkillRequirement {
    SkillId skill = 0;
    int minLevel = kMinSkillLevel;
    friend bool operator==(const SkillRequirement &, const SkillRequirement &) = default;
};

struct AgentSkill {
    SkillId skill = 0;
    int level = kMinSkillLevel;
    friend bool operator==(const AgentSkill &, const AgentSkill &) = default;
};

/// After `afterSeconds` in the queue, a waiting call is relaxed by `action`.
struct RelaxationStep {
    int afterSeconds = 0;
    RelaxAction action = RelaxAction::LowerMinLevel;
    std::uint32_t value = 0;
    friend bool operator==(const RelaxationStep &, const RelaxationStep &) = default;
};

/// A span of a weekday when a queue is open, in the queue's local time (see calendar.h).
struct OpenHours {
    int weekday = 0;      ///< 0 Monday ... 6 Sunday
    int openMinute = 0;   ///< minutes after local midnight, 0..1439
    int closeMinute = 0;  ///< exclusive, openMinute+1..1440
    friend bool operator==(const OpenHours &, const OpenHours &) = default;
};

struct QueueConfig {
    QueueId id = 0;
    std::string name;
    GroupId group = 0;
    /// The skill (and minimum level) an agent of the group needs to take this queue's calls.
    SkillRequirement skill;
    Strategy strategy = Strategy::LongestIdle;
    int serviceLevelSeconds = 20; ///< answered within this many seconds counts as in service level
    int shortAbandonSeconds = 5;  ///< abandons faster than this are "short"
    int maxLength = 0;            ///< waiting calls at most (0 = unlimited)
    int maxWaitSeconds = 0;       ///< then overflow (0 = never)
    QueueId overflowQueue = 0;    ///< overflow target; 0 = disconnect with a disposition
    bool overflowWhenNoAgents = true;       ///< overflow when no qualified agent is logged in
    int wrapUpSeconds = 0;                  ///< after-call work granted after each call
    int ringTimeoutSeconds = 20;            ///< ring-no-answer (RONA) timeout
    int measurementPeriodSeconds = 1800;    ///< TAPI dwMeasurementPeriod for queue statistics
    std::vector<RelaxationStep> relaxation; ///< ordered by afterSeconds
    /// Business hours: with none, the queue is always open (holidays aside). A call that
    /// arrives or flows in while the queue is closed goes to `closedQueue` (0: disconnected).
    std::vector<OpenHours> openHours;
    std::vector<std::int32_t> holidays; ///< closed all day: local dates as days since 1970-01-01
    std::string timeZone;               ///< IANA name ("Europe/Paris"); empty: UTC
    QueueId closedQueue = 0;
};

struct AgentConfig {
    AgentId id = 0;
    std::string name;
    std::string pinHash; ///< opaque to the core (the store keeps a salted PBKDF2 hash)
    std::vector<AgentSkill> skills;
    int measurementPeriodSeconds = 1800; ///< TAPI dwMeasurementPeriod for agent statistics
};

struct EngineConfig {
    ReasonCode ronaReason = 90;        ///< Not Ready reason given after a ring-no-answer
    ReasonCode offerFailedReason = 91; ///< ... after the switch failed to deliver an offer
    std::map<ReasonCode, std::string> reasonCodes{{90, "Ring no answer"},
                                                  {91, "Station unreachable"}};
    int intervalMinutes = 15;     ///< length of the statistics intervals (divides 60)
    std::uint64_t randomSeed = 1; ///< for the Random strategy; same seed, same choices
};

/// A call entering the ACD at a queue (from a route point).
struct CallArrival {
    CallId id = 0;
    QueueId queue = 0;
    std::string ani;  ///< caller number
    std::string dnis; ///< dialled number
    int priority = kMinPriority;
    /// Overrides the queue's skill requirement when set (skill != 0).
    SkillRequirement skill{0, kMinSkillLevel};
    /// Further skills every agent must have (checked on top of the indexed one).
    std::vector<SkillRequirement> extraSkills;
};

} // namespace acd::core
