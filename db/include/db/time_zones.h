#pragma once
// The system's time zone database (IANA, /usr/share/zoneinfo, through the date-tz library)
// behind the core's TimeZones interface: business hours are read in each queue's zone, with
// its daylight saving rules.
#include "core/calendar.h"

#include <string>

namespace acd::db {

/// The process's time zones (thread-safe; lives until exit).
const core::TimeZones &systemTimeZones();

/// True when the database knows the zone name ("Europe/Paris", "UTC", ...).
bool knownTimeZone(const std::string &zone);

} // namespace acd::db
