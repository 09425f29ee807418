#pragma once
// The desktop's only door to the engine: one TAPI line application (libtapi, event model)
// behind a small Qt adapter.
//
// - Messages: libtapi's eventfd (LINEINITIALIZEEXOPTION_USEEVENT) is watched by a
//   QSocketNotifier; when it is readable the queue is drained with lineGetMessage(timeout 0)
//   until it is empty. LINE_REPLY is consumed here; every other message is emitted.
// - Requests: an asynchronous TAPI function returns a request ID; track() pairs it with a
//   handler that runs exactly once with the LINE_REPLY result. A reply that comes before its
//   ID was tracked is buffered (TAPI allows it). Output buffers of a request are kept alive
//   until its reply (or the link's end), since libtapi writes them just before the reply.
// - Endpoint: remote mode is chosen by TAPI_SERVER/TAPI_USER/TAPI_PASSWORD; initialize() sets
//   them before lineInitializeEx, and libtapi (with no application of the process open)
//   connects again when they changed, so new credentials are really used. Only tapi.h.
#include "tapi.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

class QSocketNotifier;
class QThread;

namespace desk {

struct Endpoint {
    QString server; ///< host:port
    QString user;
    QString password;
    bool operator==(const Endpoint &) const = default;
};

class TapiLink : public QObject {
    Q_OBJECT
public:
    using ReplyHandler = std::function<void(LONG result)>;

    explicit TapiLink(QString appName, QObject *parent = nullptr);
    ~TapiLink() override;

    /// lineInitializeEx against `endpoint`: 0 or the LINEERR_ (NODRIVER: unreachable,
    /// OPERATIONFAILED: login refused, RESOURCEUNAVAIL: rate-limited). A lost connection is
    /// opened again by libtapi itself.
    LONG initialize(const Endpoint &endpoint);
    /// The same on a worker thread, since connecting may take up to libtapi's 10 s against a
    /// silent host: the window must not freeze meanwhile. `inWorker` (may be empty) runs there
    /// too after a successful lineInitializeEx, for more synchronous set-up (reading the
    /// lines); `done` runs on this object's thread with the result, unless shutdown() or
    /// another initialization came first (the late application is then shut down).
    void initializeAsync(const Endpoint &endpoint,
                         std::function<void(HLINEAPP, DWORD numDevs)> inWorker,
                         std::function<void(LONG)> done);
    bool isInitializing() const { return m_initializing != nullptr; }
    /// Stops watching the eventfd, then lineShutdown (which closes it). Pending handlers are
    /// dropped without being called.
    void shutdown();

    bool isInitialized() const { return m_app != 0; }
    HLINEAPP app() const { return m_app; }
    DWORD deviceCount() const { return m_numDevs; }

    /// Pairs the return value of an asynchronous TAPI function with its handler. A negative
    /// value (synchronous failure) reaches the handler from the event loop, never re-entrantly.
    /// `keepAlive` (the output buffers) lives until the handler has run.
    void track(LONG request, ReplyHandler handler, std::shared_ptr<void> keepAlive = {});
    /// Requests still waiting for their LINE_REPLY.
    int pendingCount() const { return static_cast<int>(m_pending.size()); }
    /// Handles one message as drain() does (LINE_REPLY completes its request, anything else
    /// is emitted). Public so the bookkeeping can be tested without an engine.
    void dispatch(const LINEMESSAGE &message);

signals:
    /// Every message except LINE_REPLY, in the order libtapi delivered them.
    void message(const LINEMESSAGE &message);

private:
    struct Pending {
        ReplyHandler handler;
        std::shared_ptr<void> keepAlive;
    };
    void drain();
    void complete(DWORD request, LONG result);
    void prepare(const Endpoint &endpoint);
    void adopt(HLINEAPP app, DWORD numDevs, int eventFd);

    QString m_appName;
    HLINEAPP m_app = 0;
    DWORD m_numDevs = 0;
    QSocketNotifier *m_notifier = nullptr;
    QThread *m_initializing = nullptr;
    int m_initGeneration = 0;
    std::unordered_map<DWORD, Pending> m_pending;
    std::unordered_map<DWORD, LONG> m_earlyReplies;
    // Buffers of requests abandoned at shutdown: libtapi may still write them.
    std::vector<std::shared_ptr<void>> m_retired;
};

} // namespace desk
