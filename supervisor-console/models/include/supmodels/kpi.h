#pragma once
// KPIs from the engine's counters, with the definitions of docs/database.md "Reports" (the
// same as the core's stats.h), so the console agrees with reports and the engine to the cent.
// A ratio with a zero denominator is 0.
#include <QJsonObject>

namespace acd::sup {

/// One counter block of a queue: `period`, `interval` or `total` in the snapshot's queue object.
struct QueueCounters {
    qint64 offered = 0, answered = 0, answeredInSl = 0, abandoned = 0, abandonedShort = 0;
    qint64 handled = 0, waitAnsweredMs = 0, waitAbandonedMs = 0, talkMs = 0, holdMs = 0, wrapMs = 0;

    static QueueCounters fromJson(const QJsonObject &o);
    /// Counters back from one row of a queue report (docs/database.md "Reports"): counts are
    /// exact, sums come from the rounded KPIs (answeredInSl from service_level_pct, waits
    /// from asa_s, talk + hold + wrap-up from aht_s, all kept in talkMs).
    static QueueCounters fromReportRow(const QStringList &columns, const QStringList &row);
    bool operator==(const QueueCounters &) const = default;
    QueueCounters &operator+=(const QueueCounters &o);

    double serviceLevelPct() const; ///< 100 × answeredInSl / (answered + abandoned)
    double asaSeconds() const;      ///< waitAnsweredMs / answered
    double ahtSeconds() const;      ///< (talk + hold + wrap) / handled
    double abandonRatePct() const;  ///< 100 × abandoned / (answered + abandoned)
};

} // namespace acd::sup
