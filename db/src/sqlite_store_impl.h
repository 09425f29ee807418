#pragma once
// The SQLite implementation of Store, split by job over sqlite_store*.cpp.
#include "db/sqlite_store.h"
#include "sqlite.h"
#include "wal_checkpointer.h"

#include <memory>
#include <string>
#include <unordered_map>

namespace acd::db {

class SqliteStore final : public Store {
public:
    SqliteStore(std::string path, SqliteOptions options);
    Status open();

    int schemaVersion() const override { return m_version; }

    Result<ConfigSet> loadConfig() override;
    Status saveConfig(const ConfigSet &config) override;

    Status writeBatch(const std::vector<WriteItem> &items) override;
    Status appendAudit(const AuditRecord &record) override;
    Result<std::vector<AuditRecord>> auditLog(TimeRange range) override;
    Result<RecoveryReport> recover(TimeMs now) override;
    Status markCleanShutdown(TimeMs now) override;

    Result<std::vector<CallRecord>> calls(TimeRange arrived) override;
    Result<std::vector<AgentStateRecord>> agentStates(TimeRange range) override;
    Result<std::vector<SessionRecord>> sessionEvents(TimeRange range) override;
    Result<std::vector<QueueEventRecord>> queueEvents(TimeRange range) override;
    Result<std::vector<QueueIntervalRow>> queueIntervals(TimeRange starts) override;
    Result<std::vector<AgentIntervalRow>> agentIntervals(TimeRange starts) override;
    Result<std::vector<QueueIntervalRow>> queueDaily(TimeRange starts) override;
    Result<std::vector<AgentIntervalRow>> agentDaily(TimeRange starts) override;
    Result<ReportTable> report(ReportKind kind, TimeRange range) override;

    Result<PurgeReport> purge(TimeMs cutoff, TimeMs dailyCutoff, int rowsPerTransaction) override;
    Status backupTo(const std::string &path) override;

private:
    /// Hands the WAL's checkpoints to a thread of their own (wal_checkpointer.h).
    Status startCheckpoints();

    // sqlite_store_write.cpp
    Status writeItem(const WriteItem &item);
    Status writeEffect(const core::Effect &effect);
    Status writeCallInfo(const CallInfo &info);
    Status writeAudit(const AuditRecord &record);
    Status writeInterval(const core::IntervalReport &report);
    /// The station a session was started at: remembered, else from its 'started' row.
    std::string sessionStation(core::SessionId session);
    Status queueEvent(TimeMs at, core::CallId call, core::QueueId queue, std::string_view event,
                      core::AgentId agent, core::QueueId other, std::string_view reason,
                      std::int64_t value);

    // sqlite_store_config.cpp
    Status insertConfig(const ConfigSet &config);
    /// A queue's open hours and holidays (schema 5).
    Status loadBusinessHours(core::QueueConfig &queue);

    std::string m_path;
    SqliteOptions m_options;
    sql::Connection m_db;
    /// Declared after m_db: ends before the connection whose checkpoints it takes.
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    int m_version = 0;
    std::int64_t m_runId = 0;
    TimeMs m_lastWriteAt = 0;
    /// ANI/DNIS handed in before the call's first CallQueued was written.
    std::unordered_map<core::CallId, CallInfo> m_pendingInfo;
    /// Pending numbers used by the open transaction: dropped from m_pendingInfo on commit.
    std::vector<core::CallId> m_consumedInfo;
    /// Each agent's latest session, for agent_state_changes.session_id.
    std::unordered_map<core::AgentId, core::SessionId> m_latestSession;
    /// The station of every session started in this run and not yet ended, for the
    /// session_events rows of its state changes (the database is asked only for sessions
    /// started before a restart).
    std::unordered_map<core::SessionId, std::string> m_sessionStation;
};

} // namespace acd::db
