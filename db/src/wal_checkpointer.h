#pragma once
// Checkpoints a WAL database from a thread of its own, so that the connection writing the
// records never waits for a checkpoint's syncs.
//
// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages,
// and a checkpoint syncs the WAL and then the database file. On a busy disk those syncs took
// seconds, and every record queued behind that commit was then older than the 1-s crash
// window of docs/database.md. Here a commit past `wakePages` only wakes this thread.
//
// A passive checkpoint never blocks the writer, but SQLite starts the WAL over only after a
// checkpoint that reached its end: under a steady stream of commits each one may end a few
// pages short, and the WAL would grow without bound. Past `writerPages` (ten times SQLite's
// threshold) the writing connection therefore checkpoints itself, as SQLite would have.
#include "sqlite.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace acd::db {

struct CheckpointOptions {
    /// WAL pages after a commit that wake the thread (SQLite's own automatic threshold).
    int wakePages = 1000;
    /// WAL pages after a commit from which the writing connection checkpoints itself.
    int writerPages = 10000;
    /// The checkpoints' syncs as with synchronous=FULL (the store's SqliteOptions::fullSync).
    bool fullSync = false;
};

class WalCheckpointer {
public:
    /// Takes the checkpoints of `writer` (open in WAL mode on `path`) over: opens a second
    /// connection to the file and starts the thread.
    static Result<std::unique_ptr<WalCheckpointer>>
    start(sql::Connection &writer, const std::string &path, const CheckpointOptions &options);
    /// Gives the checkpoints back to `writer`'s automatic ones and ends the thread.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    WalCheckpointer(sql::Connection &writer, const CheckpointOptions &options);
    /// sqlite3_wal_hook: runs on the writer's thread after each commit.
    static int afterCommit(void *self, sqlite3 *db, const char *schema, int pages);
    void run();

    sql::Connection &m_writer;
    sql::Connection m_own; ///< used by the thread only
    CheckpointOptions m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
    bool m_writerCheckpointing = false; ///< past writerPages: logged once per episode
    std::thread m_thread;
};

} // namespace acd::db
