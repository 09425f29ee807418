#pragma once
// Historical reports over a time range: tables of text cells with a CSV rendering. KPIs are
// computed from summed counters with the core's own definitions (core/stats.h), so a report
// always agrees with what the engine showed live for the same interval.
#include "db/records.h"
#include "db/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acd::db {

enum class ReportKind {
    QueueIntervals, ///< one row per queue per 15-minute interval
    AgentIntervals, ///< one row per agent per interval
    QueueDaily,     ///< one row per queue per UTC day (from the daily roll-up)
    AgentDaily,     ///< one row per agent per UTC day
    Queue,          ///< one row per queue: the range's intervals summed
    Agent,          ///< one row per agent: the range's intervals summed
    ReasonCodes,    ///< time in Not Ready per agent and reason code (from state changes)
    Calls,          ///< the call detail records that arrived in the range
    CallSummary,    ///< one row per queue computed from the call detail records
};
constexpr int kReportKindCount = 9;

std::string_view toString(ReportKind kind);
std::optional<ReportKind> reportKindFromString(std::string_view s);

struct ReportTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;

    /// RFC 4180 CSV: a header line, then one line per row; cells with a comma, quote or line
    /// break are quoted, quotes doubled. Lines end with "\r\n".
    std::string toCsv() const;
    /// Aligned text for a terminal.
    std::string toText() const;
};

/// ISO 8601 UTC text ("2026-11-21T08:15:00Z") of a time, and back. Parsing accepts
/// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with an optional "Z", or integer milliseconds.
std::string formatTime(TimeMs at);
std::optional<TimeMs> parseTime(std::string_view text);

} // namespace acd::db
