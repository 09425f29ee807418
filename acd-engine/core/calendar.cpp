#include "core/calendar.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace acd::core {
namespace {

constexpr TimeMs kMsPerDay = 86'400'000;

TimeMs floorDiv(TimeMs a, TimeMs b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

} // namespace

bool isQueueOpen(const QueueConfig &queue, TimeMs at, const TimeZones *zones)
{
    if (queue.openHours.empty() && queue.holidays.empty())
        return true;
    int offset = 0;
    if (!queue.timeZone.empty() && zones)
        offset = zones->utcOffsetMinutes(queue.timeZone, at).value_or(0);
    const TimeMs local = at + static_cast<TimeMs>(offset) * 60'000;
    const auto day = static_cast<std::int32_t>(floorDiv(local, kMsPerDay));
    if (std::find(queue.holidays.begin(), queue.holidays.end(), day) != queue.holidays.end())
        return false;
    if (queue.openHours.empty())
        return true;
    const int weekday = static_cast<int>(
        std::chrono::weekday{std::chrono::sys_days{std::chrono::days{day}}}.iso_encoding() - 1);
    const int minute = static_cast<int>((local - static_cast<TimeMs>(day) * kMsPerDay) / 60'000);
    return std::any_of(queue.openHours.begin(), queue.openHours.end(), [&](const OpenHours &h) {
        return h.weekday == weekday && minute >= h.openMinute && minute < h.closeMinute;
    });
}

std::optional<std::int32_t> dayNumber(const std::string &date)
{
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (date.size() != 10 || date[4] != '-' || date[7] != '-'
        || std::sscanf(date.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}};
    if (!ymd.ok())
        return std::nullopt;
    return static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string dateText(std::int32_t day)
{
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

} // namespace acd::core
