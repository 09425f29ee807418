#pragma once
// The SQLite store: WAL journal, synchronous=NORMAL (a committed transaction survives a
// crash of the process; only an OS crash or power loss can lose the last commits), foreign
// keys on, migrations from db/schema applied on open.
#include "db/store.h"

#include <memory>
#include <string>

namespace acd::db {

struct SqliteOptions {
    /// Highest migration to apply (0 = all). Tests use it to build an old-version database.
    int migrateTo = 0;
    /// synchronous=FULL instead of NORMAL: survives power loss too, costs an fsync per commit.
    bool fullSync = false;
    /// How long a statement waits for another connection's lock before failing.
    int busyTimeoutMs = 5000;
    /// WAL checkpoints run on a thread of their own, woken by a commit that leaves at least
    /// this many pages in the WAL (SQLite's automatic threshold), so that a commit never waits
    /// for a checkpoint's syncs (docs/database.md, "Crash safety"). 0: no thread; SQLite's
    /// automatic checkpoint runs in the commit that passes 1,000 pages (the baseline of
    /// db-bench's BM_WriterIngest).
    int walCheckpointPages = 1000;
    /// From this many pages in the WAL the writing connection checkpoints itself: the WAL's
    /// bound when the checkpoint thread cannot catch up with a steady stream of commits.
    int walWriterCheckpointPages = 10000;
};

/// Opens (creating if needed) and migrates the database at `path`. Fails with
/// DbError::SchemaTooNew when the file's schema is newer than this program's.
Result<std::unique_ptr<Store>> openSqliteStore(const std::string &path,
                                               const SqliteOptions &options = {});

/// The newest schema version this program knows (the highest db/schema/NNN_*.sql).
int latestSchemaVersion();

} // namespace acd::db
