#include "acd/tapi/values.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace acd::tapi {

namespace {
constexpr std::uint64_t kDwordMax = std::numeric_limits<DWORD>::max();
}

DWORD secondsFromMs(core::TimeMs ms)
{
    if (ms <= 0)
        return 0;
    const auto s = (static_cast<std::uint64_t>(ms) + 500) / 1000;
    return static_cast<DWORD>(s > kDwordMax ? kDwordMax : s);
}

DWORD roundSeconds(double seconds)
{
    if (!(seconds > 0))
        return 0;
    if (seconds >= static_cast<double>(kDwordMax))
        return static_cast<DWORD>(kDwordMax);
    return static_cast<DWORD>(std::llround(seconds));
}

CURRENCY callRatePerHour(std::uint64_t calls, core::TimeMs overMs)
{
    CURRENCY cy{};
    if (overMs <= 0)
        return cy;
    // calls/hour * 10,000 = calls * 3,600,000 ms * 10,000 / overMs.
    const unsigned __int128 scaled = static_cast<unsigned __int128>(calls) * 36'000'000'000ULL;
    const auto period = static_cast<unsigned __int128>(overMs);
    const unsigned __int128 value = (scaled * 2 + period) / (period * 2);
    const auto max = static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max());
    cy.int64 = static_cast<std::int64_t>(value > max ? max : value);
    return cy;
}

DATE oleDateFromUnixMs(std::int64_t unixMs)
{
    return 25569.0 + static_cast<double>(unixMs) / 86'400'000.0;
}

GUID toGuid(const core::Guid &guid)
{
    static_assert(sizeof(GUID) == 16);
    GUID out;
    std::memcpy(&out, guid.bytes.data(), sizeof out);
    return out;
}

} // namespace acd::tapi
