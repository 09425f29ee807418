// Report kinds, CSV and text rendering, time formatting.
#include "db/report.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace acd::db {
namespace {

constexpr std::array<std::pair<ReportKind, std::string_view>, kReportKindCount> kKinds{{
    {ReportKind::QueueIntervals, "queue-intervals"},
    {ReportKind::AgentIntervals, "agent-intervals"},
    {ReportKind::QueueDaily, "queue-daily"},
    {ReportKind::AgentDaily, "agent-daily"},
    {ReportKind::Queue, "queue"},
    {ReportKind::Agent, "agent"},
    {ReportKind::ReasonCodes, "reason-codes"},
    {ReportKind::Calls, "calls"},
    {ReportKind::CallSummary, "call-summary"},
}};

void appendCsvCell(std::string &out, const std::string &cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void appendCsvLine(std::string &out, const std::vector<std::string> &cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        appendCsvCell(out, cells[i]);
    }
    out += "\r\n";
}

bool parseInt(std::string_view text, int &out) {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
}

} // namespace

std::string_view toString(ReportKind kind) {
    for (const auto &[k, name] : kKinds)
        if (k == kind)
            return name;
    return "invalid";
}

std::optional<ReportKind> reportKindFromString(std::string_view s) {
    for (const auto &[k, name] : kKinds)
        if (name == s)
            return k;
    return std::nullopt;
}

std::string ReportTable::toCsv() const {
    std::string out;
    appendCsvLine(out, columns);
    for (const auto &row : rows)
        appendCsvLine(out, row);
    return out;
}

std::string ReportTable::toText() const {
    std::vector<std::size_t> width(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i)
        width[i] = columns[i].size();
    for (const auto &row : rows)
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    std::string out;
    auto line = [&](const std::vector<std::string> &cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i)
                out += "  ";
            out += cells[i];
            if (i + 1 < cells.size())
                out.append(width[i] - cells[i].size(), ' ');
        }
        out += '\n';
    };
    line(columns);
    for (const auto &row : rows)
        line(row);
    return out;
}

std::string formatTime(TimeMs at) {
    const std::time_t seconds = static_cast<std::time_t>(at / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<TimeMs> parseTime(std::string_view text) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
        TimeMs ms = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec == std::errc() && p == text.data() + text.size())
            return ms;
        return std::nullopt;
    }
    if (!text.empty() && text.back() == 'Z')
        text.remove_suffix(1);
    // YYYY-MM-DD[THH:MM[:SS]]
    if (text.size() != 10 && text.size() != 16 && text.size() != 19)
        return std::nullopt;
    int year, month, day, hour = 0, minute = 0, second = 0;
    if (text[4] != '-' || text[7] != '-' || !parseInt(text.substr(0, 4), year)
        || !parseInt(text.substr(5, 2), month) || !parseInt(text.substr(8, 2), day))
        return std::nullopt;
    if (text.size() >= 16) {
        if ((text[10] != 'T' && text[10] != ' ') || text[13] != ':'
            || !parseInt(text.substr(11, 2), hour) || !parseInt(text.substr(14, 2), minute))
            return std::nullopt;
        if (text.size() == 19 && (text[16] != ':' || !parseInt(text.substr(17, 2), second)))
            return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<TimeMs>(timegm(&tm)) * 1000;
}

} // namespace acd::db
