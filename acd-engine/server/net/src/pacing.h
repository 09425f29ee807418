#pragma once
// When the I/O threads write paced connections and ping open ones. Both spread connections
// over their period by ID, so that a hundred supervisors' streams, or thousands of agents who
// connected within seconds of each other, are not all served at the same moment.
#include <chrono>
#include <cstdint>

namespace acd::net::detail {

using PacingClock = std::chrono::steady_clock;

/// A connection's offset in [0, period), spread evenly over connection IDs (Fibonacci
/// hashing): consecutive IDs land far apart. 0 for a period of 0.
std::chrono::milliseconds spreadOffset(std::uint64_t id, std::chrono::milliseconds period);

/// How far into its ping period a connection starts, under half a period, so its first ping
/// comes half a period to a period after it opened.
std::chrono::milliseconds pingPhase(std::uint64_t id, std::chrono::milliseconds period);

/// The first time after `now` on the grid of `interval` (> 0) shifted by `offset`: a paced
/// connection's next write slot.
PacingClock::time_point nextSlot(PacingClock::time_point now, std::chrono::milliseconds interval,
                                 std::chrono::milliseconds offset);

} // namespace acd::net::detail
