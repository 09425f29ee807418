// Reports over the SQLite store. Counters are summed in SQL; every KPI is computed in C++
// with the core's definitions (core/stats.h), so reports and the live view agree.
#include "sqlite_store_impl.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace acd::db {
namespace {

using core::ServiceLevelDefinition;

std::string num(std::int64_t v) {
    return std::to_string(v);
}
std::string fixed(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, r.ptr);
}
std::string secondsOf(core::TimeMs ms) {
    return fixed(static_cast<double>(ms) / 1000.0);
}

const std::vector<std::string> kQueueColumns = {
    "offered",       "answered",     "abandoned",        "abandoned_short",   "flowed_in",
    "flowed_out",    "disconnected", "handled",          "service_level_pct", "asa_s",
    "avg_abandon_s", "aht_s",        "abandon_rate_pct", "max_wait_s"};

void appendQueueCells(std::vector<std::string> &row, const core::QueueCounters &c) {
    row.insert(row.end(),
               {num(c.offered), num(c.answered), num(c.abandoned), num(c.abandonedShort),
                num(c.flowedIn), num(c.flowedOut), num(c.disconnected), num(c.handled),
                fixed(100.0 * c.serviceLevel(ServiceLevelDefinition::Offered)),
                fixed(c.asaSeconds()), fixed(c.averageAbandonSeconds()), fixed(c.ahtSeconds()),
                fixed(100.0 * c.abandonRate()), secondsOf(c.maxWaitMs)});
}

const std::vector<std::string> kAgentColumns = {
    "staffed_s", "available_s", "not_ready_s", "offered",    "answered", "ring_no_answer",
    "handled",   "avg_ring_s",  "avg_talk_s",  "avg_wrap_s", "aht_s",    "occupancy_pct"};

void appendAgentCells(std::vector<std::string> &row, const core::AgentCounters &c) {
    row.insert(row.end(), {secondsOf(c.staffedMs()), secondsOf(c.availableMs),
                           secondsOf(c.notReadyMs), num(c.offered), num(c.answered),
                           num(c.ringNoAnswer), num(c.handled), fixed(c.averageRingSeconds()),
                           fixed(c.averageTalkSeconds()), fixed(c.averageWrapSeconds()),
                           fixed(c.averageHandleSeconds()), fixed(100.0 * c.occupancy())});
}

std::vector<std::string> withColumns(std::vector<std::string> head,
                                     const std::vector<std::string> &tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

/// id -> name of a configuration table.
std::map<std::int64_t, std::string> names(sql::Connection &db, const char *text) {
    std::map<std::int64_t, std::string> out;
    auto st = db.prepare(text);
    if (!st)
        return out;
    while (st.value()->step() == SQLITE_ROW)
        out[st.value()->int64At(0)] = st.value()->textAt(1);
    st.value()->reset();
    return out;
}

std::string nameOf(const std::map<std::int64_t, std::string> &m, std::int64_t id) {
    auto it = m.find(id);
    return it == m.end() ? std::string() : it->second;
}

core::QueueCounters sumQueues(const core::QueueCounters &a, const core::QueueCounters &b) {
    core::QueueCounters c = a;
    c.offered += b.offered;
    c.flowedIn += b.flowedIn;
    c.flowedOut += b.flowedOut;
    c.answered += b.answered;
    c.answeredInSl += b.answeredInSl;
    c.abandoned += b.abandoned;
    c.abandonedRinging += b.abandonedRinging;
    c.abandonedShort += b.abandonedShort;
    c.abandonedInSl += b.abandonedInSl;
    c.disconnected += b.disconnected;
    c.handled += b.handled;
    c.waitAnsweredMs += b.waitAnsweredMs;
    c.waitAbandonedMs += b.waitAbandonedMs;
    c.maxWaitMs = std::max(c.maxWaitMs, b.maxWaitMs);
    c.talkMs += b.talkMs;
    c.holdMs += b.holdMs;
    c.wrapMs += b.wrapMs;
    return c;
}

core::AgentCounters sumAgents(const core::AgentCounters &a, const core::AgentCounters &b) {
    core::AgentCounters c = a;
    c.offered += b.offered;
    c.answered += b.answered;
    c.ringNoAnswer += b.ringNoAnswer;
    c.handled += b.handled;
    c.incomingCalls += b.incomingCalls;
    c.outgoingCalls += b.outgoingCalls;
    c.ringMs += b.ringMs;
    c.maxRingMs = std::max(c.maxRingMs, b.maxRingMs);
    c.talkMs += b.talkMs;
    c.holdMs += b.holdMs;
    c.wrapMs += b.wrapMs;
    c.availableMs += b.availableMs;
    c.notReadyMs += b.notReadyMs;
    c.ringingMs += b.ringingMs;
    c.onCallMs += b.onCallMs;
    c.wrapUpMs += b.wrapUpMs;
    c.otherCallMs += b.otherCallMs;
    return c;
}

ReportTable queueRows(const std::vector<QueueIntervalRow> &rows,
                      const std::map<std::int64_t, std::string> &queueNames,
                      const char *startColumn) {
    ReportTable t;
    t.columns = withColumns({startColumn, "queue_id", "queue"}, kQueueColumns);
    for (const auto &r : rows) {
        std::vector<std::string> row = {formatTime(r.start), num(r.queue),
                                        nameOf(queueNames, r.queue)};
        appendQueueCells(row, r.counters);
        t.rows.push_back(std::move(row));
    }
    return t;
}

ReportTable agentRows(const std::vector<AgentIntervalRow> &rows,
                      const std::map<std::int64_t, std::string> &agentNames,
                      const char *startColumn) {
    ReportTable t;
    t.columns = withColumns({startColumn, "agent_id", "agent"}, kAgentColumns);
    for (const auto &r : rows) {
        std::vector<std::string> row = {formatTime(r.start), num(r.agent),
                                        nameOf(agentNames, r.agent)};
        appendAgentCells(row, r.counters);
        t.rows.push_back(std::move(row));
    }
    return t;
}

} // namespace

Result<ReportTable> SqliteStore::report(ReportKind kind, TimeRange range) {
    if (range.to <= range.from)
        return Status(DbError::Invalid, "report " + std::string(toString(kind)) + ": range end "
                                            + formatTime(range.to) + " is not after its start "
                                            + formatTime(range.from));
    const auto queueNames = names(m_db, "SELECT id, name FROM queues");
    const auto agentNames = names(m_db, "SELECT id, name FROM agents");
    switch (kind) {
    case ReportKind::QueueIntervals: {
        auto rows = queueIntervals(range);
        if (!rows)
            return rows.status();
        return queueRows(rows.value(), queueNames, "interval_start");
    }
    case ReportKind::QueueDaily: {
        auto rows = queueDaily(range);
        if (!rows)
            return rows.status();
        return queueRows(rows.value(), queueNames, "day");
    }
    case ReportKind::AgentIntervals: {
        auto rows = agentIntervals(range);
        if (!rows)
            return rows.status();
        return agentRows(rows.value(), agentNames, "interval_start");
    }
    case ReportKind::AgentDaily: {
        auto rows = agentDaily(range);
        if (!rows)
            return rows.status();
        return agentRows(rows.value(), agentNames, "day");
    }
    case ReportKind::Queue: {
        auto rows = queueIntervals(range);
        if (!rows)
            return rows.status();
        std::map<core::QueueId, core::QueueCounters> sums;
        for (const auto &r : rows.value())
            sums[r.queue] = sumQueues(sums[r.queue], r.counters);
        ReportTable t;
        t.columns = withColumns({"queue_id", "queue"}, kQueueColumns);
        for (const auto &[id, c] : sums) {
            std::vector<std::string> row = {num(id), nameOf(queueNames, id)};
            appendQueueCells(row, c);
            t.rows.push_back(std::move(row));
        }
        return t;
    }
    case ReportKind::Agent: {
        auto rows = agentIntervals(range);
        if (!rows)
            return rows.status();
        std::map<core::AgentId, core::AgentCounters> sums;
        for (const auto &r : rows.value())
            sums[r.agent] = sumAgents(sums[r.agent], r.counters);
        ReportTable t;
        t.columns = withColumns({"agent_id", "agent"}, kAgentColumns);
        for (const auto &[id, c] : sums) {
            std::vector<std::string> row = {num(id), nameOf(agentNames, id)};
            appendAgentCells(row, c);
            t.rows.push_back(std::move(row));
        }
        return t;
    }
    case ReportKind::ReasonCodes: {
        // Not Ready spans: each state change until the agent's next one, clipped to the
        // range. Looks back one day for a span that began before the range.
        auto st = m_db.prepare(
            "WITH spans AS (SELECT agent_id, to_activity, reason_code, at AS start_at, "
            "lead(at) OVER (PARTITION BY agent_id ORDER BY at, id) AS end_at FROM "
            "agent_state_changes WHERE at >= ?1 - 86400000 AND at < ?2) "
            "SELECT s.agent_id, s.reason_code, coalesce(r.name, ''), count(*), "
            "sum(min(coalesce(s.end_at, ?2), ?2) - max(s.start_at, ?1)) FROM spans s "
            "LEFT JOIN reason_codes r ON r.code = s.reason_code "
            "WHERE s.to_activity = ?3 AND coalesce(s.end_at, ?2) > ?1 "
            "GROUP BY s.agent_id, s.reason_code ORDER BY s.agent_id, s.reason_code");
        if (!st)
            return st.status();
        sql::Statement &s = *st.value();
        s.bindAll(range.from, range.to, core::toString(core::AgentActivity::NotReady));
        ReportTable t;
        t.columns = {"agent_id", "agent", "reason_code", "reason", "times", "not_ready_s"};
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            t.rows.push_back({num(s.int64At(0)), nameOf(agentNames, s.int64At(0)),
                              num(s.int64At(1)), s.textAt(2), num(s.int64At(3)),
                              secondsOf(s.int64At(4))});
        s.reset();
        if (rc != SQLITE_DONE)
            return m_db.error("reason-codes report");
        return t;
    }
    case ReportKind::Calls: {
        auto rows = calls(range);
        if (!rows)
            return rows.status();
        ReportTable t;
        t.columns = {"call_id", "ani",     "dnis",     "entry_queue_id", "queue_id",   "agent_id",
                     "arrived", "offered", "answered", "ended",          "wait_s",     "ring_s",
                     "talk_s",  "hold_s",  "wrap_s",   "overflows",      "disposition"};
        auto opt = [](const std::optional<TimeMs> &v) { return v ? formatTime(*v) : ""; };
        for (const auto &r : rows.value())
            t.rows.push_back(
                {num(static_cast<std::int64_t>(r.call)), r.ani, r.dnis, num(r.entryQueue),
                 num(r.queue), num(r.agent), formatTime(r.arrivedAt), opt(r.offeredAt),
                 opt(r.answeredAt), opt(r.endedAt), secondsOf(r.waitMs), secondsOf(r.ringMs),
                 secondsOf(r.talkMs), secondsOf(r.holdMs), secondsOf(r.wrapMs), num(r.overflows),
                 r.disposition ? std::string(core::toString(*r.disposition)) : "in-progress"});
        return t;
    }
    case ReportKind::CallSummary: {
        // From the call records of calls that arrived in the range, by their last queue,
        // aggregated here in one pass (cheaper than SQLite's sorter for GROUP BY). Service
        // level uses the queue's configured threshold (20 s when the queue is unknown).
        std::map<std::int64_t, std::int64_t> slMs;
        {
            auto q = m_db.prepare("SELECT id, service_level_seconds FROM queues");
            if (!q)
                return q.status();
            while (q.value()->step() == SQLITE_ROW)
                slMs[q.value()->int64At(0)] = q.value()->int64At(1) * 1000;
            q.value()->reset();
        }
        auto st = m_db.prepare("SELECT queue_id, disposition, wait_ms, talk_ms + hold_ms + "
                               "wrap_ms FROM calls WHERE arrived_at >= ? AND arrived_at < ?");
        if (!st)
            return st.status();
        sql::Statement &s = *st.value();
        s.bindAll(range.from, range.to);
        struct Sum {
            std::int64_t calls = 0;
            core::QueueCounters c;
        };
        using core::Disposition;
        const std::string_view answered = core::toString(Disposition::Answered);
        const std::string_view abandoned = core::toString(Disposition::Abandoned);
        const std::string_view abandonedRinging = core::toString(Disposition::AbandonedRinging);
        const std::string_view disconnected = core::toString(Disposition::OverflowDisconnected);
        std::map<std::int64_t, Sum> sums;
        std::int64_t lastQueue = -1;
        Sum *sum = nullptr;
        std::int64_t threshold = 20000;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            const std::int64_t queue = s.int64At(0);
            if (queue != lastQueue) {
                sum = &sums[queue];
                auto it = slMs.find(queue);
                threshold = it == slMs.end() ? 20000 : it->second;
                lastQueue = queue;
            }
            ++sum->calls;
            const std::string_view disposition = s.textViewAt(1);
            const std::int64_t wait = s.int64At(2);
            core::QueueCounters &c = sum->c;
            c.maxWaitMs = std::max(c.maxWaitMs, wait);
            if (disposition == answered) {
                ++c.answered;
                ++c.handled;
                if (wait <= threshold)
                    ++c.answeredInSl;
                c.waitAnsweredMs += wait;
                c.talkMs += s.int64At(3);
            } else if (disposition == abandoned || disposition == abandonedRinging) {
                ++c.abandoned;
                c.waitAbandonedMs += wait;
            } else if (disposition == disconnected) {
                ++c.disconnected;
            }
        }
        s.reset();
        if (rc != SQLITE_DONE)
            return m_db.error("call-summary report");
        ReportTable t;
        t.columns = {"queue_id",
                     "queue",
                     "calls",
                     "answered",
                     "abandoned",
                     "disconnected",
                     "service_level_pct",
                     "asa_s",
                     "avg_abandon_s",
                     "aht_s",
                     "abandon_rate_pct",
                     "max_wait_s"};
        for (const auto &[queue, sq] : sums) {
            const core::QueueCounters &c = sq.c;
            t.rows.push_back({num(queue), nameOf(queueNames, queue), num(sq.calls), num(c.answered),
                              num(c.abandoned), num(c.disconnected),
                              fixed(100.0 * c.serviceLevel(ServiceLevelDefinition::Offered)),
                              fixed(c.asaSeconds()), fixed(c.averageAbandonSeconds()),
                              fixed(c.ahtSeconds()), fixed(100.0 * c.abandonRate()),
                              secondsOf(c.maxWaitMs)});
        }
        return t;
    }
    }
    return Status(DbError::Invalid, "unknown report kind");
}

} // namespace acd::db
