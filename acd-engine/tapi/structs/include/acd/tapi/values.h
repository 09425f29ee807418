#pragma once
// Conversions from core figures to the units TAPI's call-center structures use.
#include <cstdint>

#include "core/types.h"
#include "tapi.h"

namespace acd::tapi {

/// Milliseconds to whole seconds, rounded half up; negative values give 0 and values beyond
/// a DWORD saturate at 0xFFFFFFFF.
DWORD secondsFromMs(core::TimeMs ms);

/// A non-negative number of seconds (an average) rounded to the nearest whole second,
/// saturating like secondsFromMs.
DWORD roundSeconds(double seconds);

/// Calls per hour over `overMs` as CURRENCY: the int64 is calls * 3,600,000 / overMs scaled
/// by 10,000 (CURRENCY's four decimal places), rounded half up, computed exactly in integers.
/// 0 when `overMs` <= 0.
CURRENCY callRatePerHour(std::uint64_t calls, core::TimeMs overMs);

/// Unix-epoch milliseconds to an OLE Automation DATE: days since 1899-12-30 00:00 UTC, the
/// fraction being the time of day (25569 days lie between 1899-12-30 and 1970-01-01).
/// core::TimeMs is Unix-epoch milliseconds from the injected clock, so a session's startedAt
/// converts directly.
DATE oleDateFromUnixMs(std::int64_t unixMs);

/// A group GUID in Windows memory order as GUID (Data1..3 little-endian in the 16 bytes).
GUID toGuid(const core::Guid &guid);

} // namespace acd::tapi
