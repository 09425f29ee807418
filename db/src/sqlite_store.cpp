// Opening, migrating, recovery and maintenance of the SQLite store.
#include "migrations.h"
#include "sqlite_store_impl.h"

namespace acd::db {

int latestSchemaVersion() {
    const auto &migrations = embeddedMigrations();
    return migrations.empty() ? 0 : migrations.back().version;
}

Result<std::unique_ptr<Store>> openSqliteStore(const std::string &path,
                                               const SqliteOptions &options) {
    auto store = std::make_unique<SqliteStore>(path, options);
    if (Status s = store->open(); !s)
        return s;
    return std::unique_ptr<Store>(std::move(store));
}

SqliteStore::SqliteStore(std::string path, SqliteOptions options)
    : m_path(std::move(path))
    , m_options(options) {}

Status SqliteStore::open() {
    if (Status s = m_db.open(m_path, m_options.busyTimeoutMs); !s)
        return s;
    // Check the version before touching anything (WAL mode changes the file header).
    auto version = m_db.queryInt("PRAGMA user_version");
    if (!version)
        return Status(DbError::Io, "database '" + m_path + "': not a readable SQLite database: "
                                       + version.status().message());
    if (version.value() > latestSchemaVersion())
        return migrate(m_db, m_path, m_options.migrateTo).status();
    if (Status s = m_db.script("PRAGMA journal_mode = WAL", "enabling WAL"); !s)
        return s;
    const char *sync =
        m_options.fullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
    if (Status s = m_db.script(sync, "setting synchronous"); !s)
        return s;
    if (Status s = m_db.script("PRAGMA foreign_keys = ON", "enabling foreign keys"); !s)
        return s;
    // A 32 MiB page cache keeps the record tables' index pages hot under ingest.
    if (Status s = m_db.script("PRAGMA cache_size = -32768", "setting cache size"); !s)
        return s;
    auto migrated = migrate(m_db, m_path, m_options.migrateTo);
    if (!migrated)
        return migrated.status();
    m_version = migrated.value();
    return startCheckpoints();
}

Status SqliteStore::startCheckpoints()
{
    // A file system without shared memory keeps the rollback journal: SQLite then has no
    // WAL to checkpoint.
    auto mode = m_db.prepare("PRAGMA journal_mode");
    if (!mode)
        return mode.status();
    const bool wal = mode.value()->step() == SQLITE_ROW && mode.value()->textAt(0) == "wal";
    mode.value()->reset();
    if (!wal || m_options.walCheckpointPages <= 0)
        return {};
    CheckpointOptions options;
    options.fullSync = m_options.fullSync;
    options.wakePages = m_options.walCheckpointPages;
    options.writerPages = m_options.walWriterCheckpointPages;
    auto checkpointer = WalCheckpointer::start(m_db, m_path, options);
    if (!checkpointer)
        return checkpointer.status();
    m_checkpointer = std::move(checkpointer.value());
    return {};
}

Result<RecoveryReport> SqliteStore::recover(TimeMs now) {
    RecoveryReport report;
    if (Status s = m_db.begin(); !s)
        return s;
    auto fail = [&](Status s) -> Result<RecoveryReport> {
        m_db.rollback();
        return s;
    };
    auto last = m_db.prepare(
        "SELECT closed_cleanly, last_write_at FROM engine_runs ORDER BY id DESC LIMIT 1");
    if (!last)
        return fail(last.status());
    report.previousRunClean = true;
    report.closedAt = now;
    if (last.value()->step() == SQLITE_ROW) {
        report.previousRunClean = last.value()->int64At(0) != 0;
        if (last.value()->int64At(1) > 0)
            report.closedAt = last.value()->int64At(1);
    }
    last.value()->reset();
    if (Status s = m_db.execute("UPDATE calls SET disposition = ?, ended_at = max(arrived_at, ?) "
                                "WHERE disposition IS NULL",
                                core::toString(core::Disposition::Interrupted), report.closedAt);
        !s)
        return fail(s);
    report.interruptedCalls = m_db.changes();
    if (Status s = m_db.execute("INSERT INTO engine_runs (started_at, last_write_at, "
                                "interrupted_calls) VALUES (?, ?, ?)",
                                now, now, report.interruptedCalls);
        !s)
        return fail(s);
    m_runId = sqlite3_last_insert_rowid(m_db.handle());
    m_lastWriteAt = now;
    if (Status s = m_db.commit(); !s)
        return fail(s);
    return report;
}

Status SqliteStore::markCleanShutdown(TimeMs now) {
    if (m_runId == 0)
        return {};
    return m_db.execute("UPDATE engine_runs SET closed_cleanly = 1, last_write_at = max("
                        "last_write_at, ?) WHERE id = ?",
                        now, m_runId);
}

Result<PurgeReport> SqliteStore::purge(TimeMs cutoff, TimeMs dailyCutoff, int rowsPerTransaction) {
    struct Target {
        const char *sql;
        bool daily;
    };
    // Each statement deletes at most `rowsPerTransaction` of the oldest rows; repeated until
    // nothing is left, one short transaction each, so the writer is never blocked for long.
    static const Target targets[] = {
        {"DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE arrived_at < ? AND "
         "disposition IS NOT NULL LIMIT ?)",
         false},
        {"DELETE FROM agent_state_changes WHERE id IN (SELECT id FROM agent_state_changes "
         "WHERE at < ? LIMIT ?)",
         false},
        {"DELETE FROM session_events WHERE id IN (SELECT id FROM session_events WHERE at < ? "
         "LIMIT ?)",
         false},
        {"DELETE FROM queue_events WHERE id IN (SELECT id FROM queue_events WHERE at < ? "
         "LIMIT ?)",
         false},
        {"DELETE FROM queue_intervals WHERE (start_at, queue_id) IN (SELECT start_at, "
         "queue_id FROM queue_intervals WHERE start_at < ? LIMIT ?)",
         false},
        {"DELETE FROM agent_intervals WHERE (start_at, agent_id) IN (SELECT start_at, "
         "agent_id FROM agent_intervals WHERE start_at < ? LIMIT ?)",
         false},
        {"DELETE FROM queue_daily WHERE (day_at, queue_id) IN (SELECT day_at, queue_id FROM "
         "queue_daily WHERE day_at < ? LIMIT ?)",
         true},
        {"DELETE FROM agent_daily WHERE (day_at, agent_id) IN (SELECT day_at, agent_id FROM "
         "agent_daily WHERE day_at < ? LIMIT ?)",
         true},
    };
    if (rowsPerTransaction <= 0)
        return Status(DbError::Invalid, "purge: rowsPerTransaction must be positive, got "
                                            + std::to_string(rowsPerTransaction));
    PurgeReport report;
    for (const Target &t : targets) {
        for (;;) {
            if (Status s = m_db.begin(); !s)
                return s;
            Status s = m_db.execute(t.sql, t.daily ? dailyCutoff : cutoff, rowsPerTransaction);
            const int deleted = s ? m_db.changes() : 0;
            if (s)
                s = m_db.commit();
            if (!s) {
                m_db.rollback();
                return s;
            }
            ++report.transactions;
            report.rowsDeleted += deleted;
            if (deleted < rowsPerTransaction)
                break;
        }
    }
    return report;
}

Status SqliteStore::backupTo(const std::string &path) {
    return m_db.execute("VACUUM INTO ?", path);
}

} // namespace acd::db
