#include "sync_gate_vfs.h"

#include <cstring>

namespace acd::db::test {
namespace {

SyncGate *g_gate = nullptr;

/// Our file: the real VFS's file follows it in the same allocation.
struct GateFile {
    sqlite3_file base;
    sqlite3_file *real;
};

sqlite3_file *realOf(sqlite3_file *file)
{
    return reinterpret_cast<GateFile *>(file)->real;
}

int gateClose(sqlite3_file *f)
{
    return realOf(f)->pMethods->xClose(realOf(f));
}
int gateRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
    return realOf(f)->pMethods->xRead(realOf(f), buffer, amount, offset);
}
int gateWrite(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
    return realOf(f)->pMethods->xWrite(realOf(f), buffer, amount, offset);
}
int gateTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}
int gateSync(sqlite3_file *f, int flags)
{
    g_gate->pass();
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int gateFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return realOf(f)->pMethods->xFileSize(realOf(f), size);
}
int gateLock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xLock(realOf(f), level);
}
int gateUnlock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}
int gateCheckReservedLock(sqlite3_file *f, int *out)
{
    return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}
int gateFileControl(sqlite3_file *f, int op, void *arg)
{
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
int gateSectorSize(sqlite3_file *f)
{
    return realOf(f)->pMethods->xSectorSize(realOf(f));
}
int gateDeviceCharacteristics(sqlite3_file *f)
{
    return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f));
}
int gateShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return realOf(f)->pMethods->xShmMap(realOf(f), region, size, extend, out);
}
int gateShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void gateShmBarrier(sqlite3_file *f)
{
    realOf(f)->pMethods->xShmBarrier(realOf(f));
}
int gateShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag);
}
int gateFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
    return realOf(f)->pMethods->xFetch(realOf(f), offset, amount, out);
}
int gateUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page)
{
    return realOf(f)->pMethods->xUnfetch(realOf(f), offset, page);
}

const sqlite3_io_methods kGateMethods = {
    3,
    gateClose,
    gateRead,
    gateWrite,
    gateTruncate,
    gateSync,
    gateFileSize,
    gateLock,
    gateUnlock,
    gateCheckReservedLock,
    gateFileControl,
    gateSectorSize,
    gateDeviceCharacteristics,
    gateShmMap,
    gateShmLock,
    gateShmBarrier,
    gateShmUnmap,
    gateFetch,
    gateUnfetch,
};

int gateOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    auto *gateFile = reinterpret_cast<GateFile *>(file);
    gateFile->real = reinterpret_cast<sqlite3_file *>(gateFile + 1);
    gateFile->base.pMethods = nullptr;
    const int rc = real->xOpen(real, name, gateFile->real, flags, outFlags);
    if (gateFile->real->pMethods)
        gateFile->base.pMethods = &kGateMethods;
    return rc;
}

// The other VFS methods are the real one's, called with the real VFS.
int gateDelete(sqlite3_vfs *vfs, const char *name, int syncDir)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xDelete(real, name, syncDir);
}
int gateAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xAccess(real, name, flags, out);
}
int gateFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xFullPathname(real, name, size, out);
}
int gateRandomness(sqlite3_vfs *vfs, int size, char *out)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xRandomness(real, size, out);
}
int gateSleep(sqlite3_vfs *vfs, int microseconds)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xSleep(real, microseconds);
}
int gateCurrentTime(sqlite3_vfs *vfs, double *out)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xCurrentTime(real, out);
}
int gateGetLastError(sqlite3_vfs *vfs, int size, char *out)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xGetLastError(real, size, out);
}
int gateCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    auto *real = static_cast<sqlite3_vfs *>(vfs->pAppData);
    return real->xCurrentTimeInt64(real, out);
}

} // namespace

SyncGate::SyncGate()
    : m_real(sqlite3_vfs_find(nullptr))
{
    std::memset(&m_vfs, 0, sizeof m_vfs);
    m_vfs.iVersion = 2;
    m_vfs.szOsFile = static_cast<int>(sizeof(GateFile)) + m_real->szOsFile;
    m_vfs.mxPathname = m_real->mxPathname;
    m_vfs.zName = "acd-sync-gate";
    m_vfs.pAppData = m_real;
    m_vfs.xOpen = gateOpen;
    m_vfs.xDelete = gateDelete;
    m_vfs.xAccess = gateAccess;
    m_vfs.xFullPathname = gateFullPathname;
    m_vfs.xRandomness = gateRandomness;
    m_vfs.xSleep = gateSleep;
    m_vfs.xCurrentTime = gateCurrentTime;
    m_vfs.xGetLastError = gateGetLastError;
    m_vfs.xCurrentTimeInt64 = gateCurrentTimeInt64;
    g_gate = this;
    sqlite3_vfs_register(&m_vfs, 1);
}

SyncGate::~SyncGate()
{
    open();
    sqlite3_vfs_unregister(&m_vfs);
    sqlite3_vfs_register(m_real, 1);
    g_gate = nullptr;
}

void SyncGate::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_firstWaiter.reset();
}

void SyncGate::open()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = false;
    }
    m_changed.notify_all();
}

std::optional<std::thread::id> SyncGate::waitForSync(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] { return m_firstWaiter.has_value(); });
    return m_firstWaiter;
}

bool SyncGate::syncWaited()
{
    std::lock_guard lock(m_mutex);
    return m_firstWaiter.has_value();
}

void SyncGate::pass()
{
    std::unique_lock lock(m_mutex);
    if (!m_closed)
        return;
    if (!m_firstWaiter)
        m_firstWaiter = std::this_thread::get_id();
    m_changed.notify_all();
    m_changed.wait(lock, [&] { return !m_closed; });
}

} // namespace acd::db::test
