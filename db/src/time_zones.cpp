#include "db/time_zones.h"

#include <date/tz.h>

#include <chrono>

namespace acd::db {
namespace {

const date::time_zone *findZone(const std::string &zone)
{
    try {
        return date::locate_zone(zone);
    } catch (const std::exception &) {
        return nullptr; // unknown name, or no database on this machine
    }
}

class SystemTimeZones : public core::TimeZones {
public:
    std::optional<int> utcOffsetMinutes(const std::string &zone, core::TimeMs at) const override
    {
        const date::time_zone *z = findZone(zone);
        if (!z)
            return std::nullopt;
        const date::sys_info info =
            z->get_info(date::sys_seconds{std::chrono::seconds{at / 1000}});
        return static_cast<int>(info.offset.count() / 60);
    }
};

} // namespace

const core::TimeZones &systemTimeZones()
{
    static const SystemTimeZones zones;
    return zones;
}

bool knownTimeZone(const std::string &zone)
{
    return findZone(zone) != nullptr;
}

} // namespace acd::db
