#include "pacing.h"

namespace acd::net::detail {

std::chrono::milliseconds spreadOffset(std::uint64_t id, std::chrono::milliseconds period)
{
    if (period.count() <= 0)
        return std::chrono::milliseconds(0);
    const std::uint64_t mixed = (id * 0x9E3779B97F4A7C15ull) >> 32;
    return std::chrono::milliseconds(mixed % static_cast<std::uint64_t>(period.count()));
}

std::chrono::milliseconds pingPhase(std::uint64_t id, std::chrono::milliseconds period)
{
    return spreadOffset(id, period / 2);
}

PacingClock::time_point nextSlot(PacingClock::time_point now, std::chrono::milliseconds interval,
                                 std::chrono::milliseconds offset)
{
    const auto since = now.time_since_epoch() - offset;
    const auto slots = since / interval + 1;
    return PacingClock::time_point(offset + slots * interval);
}

} // namespace acd::net::detail
