#pragma once
// Business hours: whether a queue is open at a time. The core stays pure: time zone rules
// (which need the system's tz database) come through the TimeZones interface the shell
// installs; without one, every queue's hours are read in UTC.
#include "core/config.h"
#include "core/types.h"

#include <optional>
#include <string>

namespace acd::core {

class TimeZones {
public:
    virtual ~TimeZones() = default;
    /// The zone's offset from UTC at `at` in minutes (east positive), or nullopt for a name
    /// the database does not know.
    virtual std::optional<int> utcOffsetMinutes(const std::string &zone, TimeMs at) const = 0;
};

/// True when `queue` takes calls at `at`: not on a holiday, and inside one of its open hours
/// (a queue without open hours is open every day).
bool isQueueOpen(const QueueConfig &queue, TimeMs at, const TimeZones *zones);

/// Days since 1970-01-01 of a "YYYY-MM-DD" date, or nullopt when it is no valid date.
std::optional<std::int32_t> dayNumber(const std::string &date);
/// "YYYY-MM-DD" of a day number.
std::string dateText(std::int32_t day);

} // namespace acd::core
