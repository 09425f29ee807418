#pragma once
// Basic value types of the ACD core. Identifiers are the ones admins configure (agent 1001,
// queue 10); the core maps them to dense internal indices itself.
#include <array>
#include <cstdint>

namespace acd::core {

/// Milliseconds since the Unix epoch, from the clock the shell injects (real or virtual).
using TimeMs = std::int64_t;

using AgentId = std::uint32_t;
using QueueId = std::uint32_t;
using GroupId = std::uint32_t;
using SkillId = std::uint32_t;
using SessionId = std::uint32_t;
using CallId = std::uint64_t;
/// Not Ready reason code, 1-99 as configured; 0 means "no reason given".
using ReasonCode = std::uint32_t;

/// Skill levels run from 1 (novice) to 16 (expert): a higher number is a better agent, and a
/// call's "minimum level" is a lower bound. (Avaya EAS numbers them the other way round.)
constexpr int kMinSkillLevel = 1;
constexpr int kMaxSkillLevel = 16;
constexpr int kMaxSkillsPerAgent = 60;
/// Call priority 1 (lowest) to 10 (most urgent).
constexpr int kMinPriority = 1;
constexpr int kMaxPriority = 10;
constexpr ReasonCode kMaxReasonCode = 99;

constexpr TimeMs kMsPerSecond = 1000;

/// A TAPI group GUID, 16 bytes in Windows memory order.
struct Guid {
    std::array<std::uint8_t, 16> bytes{};
    friend bool operator==(const Guid &, const Guid &) = default;
};

} // namespace acd::core
