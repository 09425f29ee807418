#include "tapi_link.h"

#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <cstring>

namespace desk {

TapiLink::TapiLink(QString appName, QObject *parent)
    : QObject(parent)
    , m_appName(std::move(appName))
{}

TapiLink::~TapiLink()
{
    shutdown();
    if (m_initializing) {
        // The worker writes into state the finished handler owns: let it end first.
        disconnect(m_initializing, nullptr, this, nullptr);
        m_initializing->wait();
        delete m_initializing;
    }
}

void TapiLink::prepare(const Endpoint &endpoint)
{
    shutdown();
    // libtapi reads these at lineInitializeEx while no application of the process is open, and
    // connects again when they changed (another agent, another engine).
    qputenv("TAPI_SERVER", endpoint.server.toUtf8());
    qputenv("TAPI_USER", endpoint.user.toUtf8());
    qputenv("TAPI_PASSWORD", endpoint.password.toUtf8());
}

namespace {

struct InitResult {
    LONG rc = 0;
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    int eventFd = -1;
};

InitResult initializeApp(const QByteArray &name)
{
    LINEINITIALIZEEXPARAMS params;
    std::memset(&params, 0, sizeof params);
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    DWORD version = TAPI_VERSION2_2;
    InitResult r;
    r.rc =
        lineInitializeEx(&r.app, nullptr, nullptr, name.constData(), &r.numDevs, &version, &params);
    if (r.rc == 0)
        r.eventFd = TAPI_EVENT_FD(params);
    return r;
}

} // namespace

void TapiLink::adopt(HLINEAPP app, DWORD numDevs, int eventFd)
{
    m_app = app;
    m_numDevs = numDevs;
    m_notifier = new QSocketNotifier(eventFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { drain(); });
    // Messages may already be waiting (the notifier only reports new readiness reliably).
    QTimer::singleShot(0, this, [this] { drain(); });
}

LONG TapiLink::initialize(const Endpoint &endpoint)
{
    prepare(endpoint);
    const InitResult r = initializeApp(m_appName.toUtf8());
    if (r.rc != 0)
        return r.rc;
    adopt(r.app, r.numDevs, r.eventFd);
    return 0;
}

void TapiLink::initializeAsync(const Endpoint &endpoint,
                               std::function<void(HLINEAPP, DWORD)> inWorker,
                               std::function<void(LONG)> done)
{
    prepare(endpoint);
    const int generation = ++m_initGeneration;
    auto result = std::make_shared<InitResult>();
    const QByteArray name = m_appName.toUtf8();
    QThread *thread = QThread::create([result, name, inWorker = std::move(inWorker)] {
        *result = initializeApp(name);
        if (result->rc == 0 && inWorker)
            inWorker(result->app, result->numDevs);
    });
    m_initializing = thread;
    connect(thread, &QThread::finished, this,
            [this, thread, result, generation, done = std::move(done)] {
                thread->deleteLater();
                if (m_initializing == thread)
                    m_initializing = nullptr;
                if (generation != m_initGeneration) {
                    // Abandoned meanwhile: nobody wants this application any more.
                    if (result->rc == 0)
                        lineShutdown(result->app);
                    return;
                }
                if (result->rc != 0) {
                    done(result->rc);
                    return;
                }
                adopt(result->app, result->numDevs, result->eventFd);
                done(0);
            });
    thread->start();
}

void TapiLink::shutdown()
{
    ++m_initGeneration; // an initialization still running is abandoned
    if (m_notifier) {
        // lineShutdown closes the eventfd: stop watching it first.
        m_notifier->setEnabled(false);
        delete m_notifier;
        m_notifier = nullptr;
    }
    if (m_app) {
        lineShutdown(m_app);
        m_app = 0;
        m_numDevs = 0;
    }
    for (auto &[id, pending] : m_pending)
        if (pending.keepAlive)
            m_retired.push_back(std::move(pending.keepAlive));
    m_pending.clear();
    m_earlyReplies.clear();
}

void TapiLink::track(LONG request, ReplyHandler handler, std::shared_ptr<void> keepAlive)
{
    if (request <= 0) {
        LONG result = request == 0 ? LINEERR_OPERATIONFAILED : request;
        QTimer::singleShot(0, this,
                           [handler = std::move(handler), keepAlive, result] { handler(result); });
        return;
    }
    const DWORD id = static_cast<DWORD>(request);
    if (auto early = m_earlyReplies.find(id); early != m_earlyReplies.end()) {
        LONG result = early->second;
        m_earlyReplies.erase(early);
        QTimer::singleShot(0, this,
                           [handler = std::move(handler), keepAlive, result] { handler(result); });
        return;
    }
    m_pending[id] = Pending{std::move(handler), std::move(keepAlive)};
}

void TapiLink::complete(DWORD request, LONG result)
{
    auto it = m_pending.find(request);
    if (it == m_pending.end()) {
        m_earlyReplies[request] = result;
        return;
    }
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    pending.handler(result);
}

void TapiLink::drain()
{
    LINEMESSAGE m;
    // A handler may shut the link down (logout, connection lost): re-check every round.
    while (m_app && lineGetMessage(m_app, &m, 0) == 0)
        dispatch(m);
}

void TapiLink::dispatch(const LINEMESSAGE &m)
{
    if (m.dwMessageID == LINE_REPLY)
        complete(static_cast<DWORD>(m.dwParam1), static_cast<LONG>(m.dwParam2));
    else
        emit message(m);
}

} // namespace desk
