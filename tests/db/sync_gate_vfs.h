#pragma once
// A SQLite VFS over the default one whose syncs can be held at a gate: a test keeps a
// checkpoint in its fsync for as long as it likes and sees which thread was in it. Installed
// as the default VFS for the life of the object (one at a time).
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace acd::db::test {

class SyncGate {
public:
    SyncGate();
    /// Opens the gate and puts the previous default VFS back.
    ~SyncGate();
    SyncGate(const SyncGate &) = delete;
    SyncGate &operator=(const SyncGate &) = delete;

    /// From now on every sync waits at the gate until open().
    void close();
    void open();
    /// The thread of the first sync that waited at the closed gate: waits for one at most
    /// `timeout`.
    std::optional<std::thread::id> waitForSync(std::chrono::milliseconds timeout);
    /// Whether a sync has waited at the gate since close().
    bool syncWaited();

    /// Called by the VFS's xSync before the real one.
    void pass();

private:
    sqlite3_vfs *m_real;
    sqlite3_vfs m_vfs;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_closed = false;
    std::optional<std::thread::id> m_firstWaiter;
};

} // namespace acd::db::test
