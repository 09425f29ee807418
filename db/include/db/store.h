#pragma once
// The durable store behind an interface, so a PostgreSQL store can replace SQLite without
// touching the engine. Only the SQLite store (sqlite_store.h) is built now.
//
// Threading: one Store object is used by one thread at a time. The Writer owns one for its
// thread; report tools open their own (SQLite WAL lets readers run beside the writer).
#include "core/effects.h"
#include "db/config_set.h"
#include "db/records.h"
#include "db/report.h"
#include "db/status.h"

#include <cstdint>
#include <memory>
#include <variant>
#include <vector>

namespace acd::db {

/// A whole configuration to store (the admin API's changes go through the writer so the
/// engine thread never waits for the disk). Shared: the snapshot is immutable once submitted.
struct ConfigSnapshot {
    std::shared_ptr<const ConfigSet> config;
};

/// What the writer hands the store: an effect of the core, a CallInfo side input, an audit
/// row, or a configuration to replace the stored one (written like saveConfig, in the batch's
/// transaction).
using WriteItem = std::variant<core::Effect, CallInfo, AuditRecord, ConfigSnapshot>;

/// What recover() found and did when the engine started.
struct RecoveryReport {
    bool previousRunClean = true; ///< false after a crash (or the first start)
    int interruptedCalls = 0;     ///< open call records closed as "interrupted"
    TimeMs closedAt = 0;          ///< the end time given to them
};

struct PurgeReport {
    std::int64_t rowsDeleted = 0;
    int transactions = 0;
};

class Store {
public:
    virtual ~Store() = default;

    virtual int schemaVersion() const = 0;

    // ---- Configuration --------------------------------------------------------------------
    virtual Result<ConfigSet> loadConfig() = 0;
    /// Replaces the whole stored configuration in one transaction.
    virtual Status saveConfig(const ConfigSet &config) = 0;

    // ---- Audit log ------------------------------------------------------------------------
    /// Appends one audit row (its own transaction). The engine submits AuditRecords through
    /// the writer instead; this is for tools and tests.
    virtual Status appendAudit(const AuditRecord &record)
    {
        (void)record;
        return {DbError::Invalid, "this store keeps no audit log"};
    }
    /// The audit rows with from <= at < to, oldest first.
    virtual Result<std::vector<AuditRecord>> auditLog(TimeRange range)
    {
        (void)range;
        return Status{DbError::Invalid, "this store keeps no audit log"};
    }

    // ---- Records (the writer's thread) ------------------------------------------------------
    /// Writes the items in order in one transaction: all or nothing.
    virtual Status writeBatch(const std::vector<WriteItem> &items) = 0;
    /// Called once when the engine starts, before any write: closes the call records a crash
    /// left open with disposition "interrupted" and ended_at = the last time the previous
    /// run wrote (or `now` when unknown), and starts a new run.
    virtual Result<RecoveryReport> recover(TimeMs now) = 0;
    /// Marks the current run as cleanly stopped.
    virtual Status markCleanShutdown(TimeMs now) = 0;

    // ---- Queries ------------------------------------------------------------------------------
    virtual Result<std::vector<CallRecord>> calls(TimeRange arrived) = 0;
    virtual Result<std::vector<AgentStateRecord>> agentStates(TimeRange range) = 0;
    virtual Result<std::vector<SessionRecord>> sessionEvents(TimeRange range) = 0;
    virtual Result<std::vector<QueueEventRecord>> queueEvents(TimeRange range) = 0;
    virtual Result<std::vector<QueueIntervalRow>> queueIntervals(TimeRange starts) = 0;
    virtual Result<std::vector<AgentIntervalRow>> agentIntervals(TimeRange starts) = 0;
    virtual Result<std::vector<QueueIntervalRow>> queueDaily(TimeRange starts) = 0;
    virtual Result<std::vector<AgentIntervalRow>> agentDaily(TimeRange starts) = 0;
    virtual Result<ReportTable> report(ReportKind kind, TimeRange range) = 0;

    // ---- Maintenance --------------------------------------------------------------------------
    /// Deletes records (calls, state changes, session and queue events, intervals) older than
    /// `cutoff`, at most `rowsPerTransaction` rows per transaction so the writer is never
    /// held up for long. Daily roll-ups older than `dailyCutoff` go too.
    virtual Result<PurgeReport> purge(TimeMs cutoff, TimeMs dailyCutoff,
                                      int rowsPerTransaction = 1000) = 0;
    /// A consistent copy of the live database into a new file (SQLite: VACUUM INTO).
    virtual Status backupTo(const std::string &path) = 0;
};

} // namespace acd::db
