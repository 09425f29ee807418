#include "supmodels/floor_state.h"

#include <QJsonArray>

namespace acd::sup {
namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
qint64 num(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}

} // namespace

FloorState::FloorState(QObject *parent)
    : QObject(parent)
    , m_queues(&m_thresholds)
{
    m_queues.setClock([this] { return engineNow(); });
    m_agents.setClock([this] { return engineNow(); });
    m_agents.setQueueNames([this](int id) {
        const QueueRow *q = m_queues.row(id);
        return q ? q->name : QString::number(id);
    });
    m_flush.setInterval(150);
    connect(&m_flush, &QTimer::timeout, this, &FloorState::flushNow);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_queues.tick();
        m_agents.tick();
        const qint64 now = engineNow();
        if (now - m_lastSample >= m_sampleMs) {
            m_lastSample = now;
            m_history.sample(m_queues, m_agents, now);
        }
    });
    m_dayReload.setInterval(2000);
    m_dayReload.setSingleShot(true);
    connect(&m_dayReload, &QTimer::timeout, this, &FloorState::loadDayBase);
    m_reconnect.setInterval(2000);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        setStatus(Status::Connecting);
        m_client.open(ProtocolClient::urlFor(m_address));
    });

    connect(&m_client, &ProtocolClient::connected, this, [this] {
        m_client.hello(m_user, m_password, [this](const Reply &r) {
            if (auto done = std::exchange(m_startDone, {}))
                done(r);
            if (r.ok) {
                subscribe();
            } else if (r.code != QLatin1String("disconnected")) {
                // Wrong credentials do not get better by retrying.
                stop();
            }
        });
    });
    connect(&m_client, &ProtocolClient::disconnected, this, [this] { onDisconnected(); });
    connect(&m_client, &ProtocolClient::eventReceived, this, [this](const QJsonObject &e) {
        if (m_syncing)
            m_buffer.append(e);
        else
            applyEvent(e);
    });
    // A gap in the stream: the models may have missed changes, start over from a snapshot.
    connect(&m_client, &ProtocolClient::eventsLost, this, [this] { requestSnapshot(); });
}

qint64 FloorState::engineNow() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_clockOffset;
}

void FloorState::start(const QString &address, const QString &user, const QString &password,
                       ProtocolClient::Callback done)
{
    m_address = address;
    m_user = user;
    m_password = password;
    m_thresholds.setEngine(address);
    setStatus(Status::Connecting);
    m_startDone = std::move(done);
    m_everLive = false;
    m_client.open(ProtocolClient::urlFor(address));
}

void FloorState::stop()
{
    m_reconnect.stop();
    m_flush.stop();
    m_tick.stop();
    m_client.close();
    setStatus(Status::Offline);
}

void FloorState::setStatus(Status s)
{
    if (s == m_status)
        return;
    m_status = s;
    emit statusChanged(s);
}

void FloorState::subscribe()
{
    setStatus(Status::Syncing);
    m_syncing = true;
    m_buffer.clear();
    // `stats` carries the engine's own figures (no polling); `intervals` moves a closed
    // interval into "today".
    const QJsonObject topics{{QStringLiteral("topics"),
                              QJsonArray{QStringLiteral("all"), QStringLiteral("stats"),
                                         QStringLiteral("intervals")}}};
    m_client.request(QStringLiteral("subscribe"), topics, [this](const Reply &r) {
        m_hasStats = r.ok;
        if (!r.ok) {
            // Not the engine this console belongs with: show the figures as not live.
            onDisconnected();
            return;
        }
        requestSnapshot();
    });
}

void FloorState::requestSnapshot()
{
    m_syncing = true;
    m_client.request(QStringLiteral("snapshot"), {{QStringLiteral("scope"), QStringLiteral("all")}},
                     [this](const Reply &r) {
                         if (!r.ok)
                             return; // the disconnect handler takes over
                         applySnapshot(r.result);
                     });
}

void FloorState::applySnapshot(const QJsonObject &snapshot)
{
    m_snapshotEseq = num(snapshot, "eseq");
    m_appliedEseq = m_snapshotEseq;
    if (snapshot.contains(QLatin1String("at")))
        m_clockOffset = num(snapshot, "at") - QDateTime::currentMSecsSinceEpoch();
    const qint64 at = engineNow();
    m_queues.setFrozen(false);
    m_agents.setFrozen(false);
    m_queues.resetFrom(snapshot.value(QLatin1String("queues")).toArray(), at);
    m_agents.resetFrom(snapshot.value(QLatin1String("agents")).toArray());
    m_sessions.clear();
    m_calls.clear();
    for (const QJsonValue &v : snapshot.value(QLatin1String("sessions")).toArray()) {
        const QJsonObject s = v.toObject();
        if (str(s, "state") == QLatin1String("ended"))
            continue;
        const int agent = int(num(s, "agent"));
        m_sessions[agent].insert(num(s, "id"),
                                 Session{agent, int(num(s, "group")), str(s, "station")});
    }
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it)
        rebuildSessions(it.key());
    for (const QJsonValue &v : snapshot.value(QLatin1String("calls")).toArray()) {
        const QJsonObject c = v.toObject();
        const qint64 id = num(c, "id");
        const int agent = int(num(c, "agent"));
        // The snapshot says since when the call exists, not since when it rings or talks.
        Call call{int(num(c, "queue")), str(c, "ani"), num(c, "arrivedAt"), agent};
        m_calls.insert(id, call);
        if (agent != 0)
            m_agents.setCall(agent, id, call.queue, call.caller, call.since);
    }
    // The engine names the reason codes in a full snapshot (for every role).
    if (snapshot.contains(QLatin1String("reasonCodes"))) {
        for (const QJsonValue &v : snapshot.value(QLatin1String("reasonCodes")).toArray()) {
            const QJsonObject o = v.toObject();
            m_reasonNames.insert(int(num(o, "code")), str(o, "name"));
        }
        m_agents.setReasonNames(m_reasonNames);
    }
    m_agents.flush();
    m_frozenAt = {};
    m_syncing = false;
    const QList<QJsonObject> buffered = std::move(m_buffer);
    m_buffer.clear();
    for (const QJsonObject &e : buffered)
        applyEvent(e);
    flushNow();
    if (!m_flush.isActive())
        m_flush.start();
    if (!m_tick.isActive())
        m_tick.start();
    if (!m_everLive)
        prefillHistory();
    loadDayBase();
    m_everLive = true;
    setStatus(Status::Live);
    emit synced();
}

qint64 FloorState::todayStart() const
{
    const qint64 day = 24LL * 3600 * 1000;
    return engineNow() / day * day; // UTC midnight, as the db's days
}

void FloorState::loadDayBase()
{
    const qint64 from = todayStart();
    m_client.request(
        QStringLiteral("report"),
        {{QStringLiteral("kind"), QStringLiteral("queue-intervals")},
         {QStringLiteral("from"), from},
         {QStringLiteral("to"), engineNow() + 1}},
        [this](const Reply &r) {
            if (r.code == QLatin1String("overloaded"))
                m_dayReload.start(); // the report thread is busy: try again shortly
            if (!r.ok)
                return; // no reports: "today" stays the engine's totals
            QStringList columns;
            for (const QJsonValue &c : r.result.value(QLatin1String("columns")).toArray())
                columns.append(c.toString());
            const qsizetype queueColumn = columns.indexOf(QStringLiteral("queue_id"));
            QHash<int, QueueCounters> closed;
            for (const QJsonValue &row : r.result.value(QLatin1String("rows")).toArray()) {
                QStringList cells;
                for (const QJsonValue &c : row.toArray())
                    cells.append(c.toString());
                closed[cells.value(queueColumn).toInt()] +=
                    QueueCounters::fromReportRow(columns, cells);
            }
            m_queues.setDayBase(closed);
            m_dirty = true;
        });
    m_client.request(
        QStringLiteral("report"),
        {{QStringLiteral("kind"), QStringLiteral("agent-intervals")},
         {QStringLiteral("from"), from},
         {QStringLiteral("to"), engineNow() + 1}},
        [this](const Reply &r) {
            if (r.code == QLatin1String("overloaded"))
                m_dayReload.start();
            if (!r.ok)
                return;
            QStringList columns;
            for (const QJsonValue &c : r.result.value(QLatin1String("columns")).toArray())
                columns.append(c.toString());
            const qsizetype agent = columns.indexOf(QStringLiteral("agent_id"));
            const qsizetype answered = columns.indexOf(QStringLiteral("answered"));
            if (agent < 0 || answered < 0)
                return;
            QHash<int, qint64> day;
            for (const QJsonValue &row : r.result.value(QLatin1String("rows")).toArray()) {
                const QJsonArray cells = row.toArray();
                day[cells.at(agent).toString().toInt()] +=
                    cells.at(answered).toString().toLongLong();
            }
            m_agents.setDayBase(day);
            m_dirty = true;
        });
}

void FloorState::prefillHistory()
{
    const qint64 to = engineNow();
    const qint64 from = to - m_history.spanMs();
    m_client.request(
        QStringLiteral("report"),
        {{QStringLiteral("kind"), QStringLiteral("queue-intervals")},
         {QStringLiteral("from"), from},
         {QStringLiteral("to"), to}},
        [this](const Reply &r) {
            if (!r.ok)
                return; // an engine without the report op: live samples only
            QStringList columns;
            for (const QJsonValue &c : r.result.value(QLatin1String("columns")).toArray())
                columns.append(c.toString());
            QList<QStringList> rows;
            for (const QJsonValue &row : r.result.value(QLatin1String("rows")).toArray()) {
                QStringList cells;
                for (const QJsonValue &c : row.toArray())
                    cells.append(c.toString());
                rows.append(cells);
            }
            m_history.prefill(columns, rows);
        });
}

void FloorState::rebuildSessions(int agent)
{
    QString station;
    QList<int> groups;
    for (const Session &s : m_sessions.value(agent)) {
        station = s.station;
        if (!groups.contains(s.group))
            groups.append(s.group);
    }
    std::sort(groups.begin(), groups.end());
    m_agents.setSessions(agent, station, groups);
}

void FloorState::applyEvent(const QJsonObject &e)
{
    const qint64 eseq = num(e, "eseq");
    const QString ev = str(e, "ev");
    // Stats and removals are not core effects: they carry the last effect's eseq, so one at
    // the snapshot's eseq may still be news (stats are whole objects, a removal is final).
    // Every other event must be newer than the snapshot.
    const bool notAnEffect =
        ev.endsWith(QLatin1String(".stats")) || ev.endsWith(QLatin1String(".removed"));
    if (notAnEffect ? eseq < m_snapshotEseq : eseq <= m_snapshotEseq)
        return;
    m_appliedEseq = qMax(m_appliedEseq, eseq);
    m_dirty = true;
    const qint64 at = num(e, "at");
    if (ev == QLatin1String("queue.stats")) {
        m_queues.upsert(e.value(QLatin1String("queue")).toObject(), at);
    } else if (ev == QLatin1String("agent.stats")) {
        m_agents.upsert(e.value(QLatin1String("agent")).toObject());
    } else if (ev == QLatin1String("queue.changed")) {
        m_queues.setWaiting(int(num(e, "queue")), int(num(e, "waiting")), int(num(e, "ringing")),
                            at);
    } else if (ev == QLatin1String("agent.state")) {
        m_agents.setState(int(num(e, "agent")), str(e, "state"), str(e, "activity"),
                          int(num(e, "reason")), at);
    } else if (ev == QLatin1String("session.started")) {
        const int agent = int(num(e, "agent"));
        m_sessions[agent].insert(num(e, "session"),
                                 Session{agent, int(num(e, "group")), str(e, "station")});
        rebuildSessions(agent);
    } else if (ev == QLatin1String("session.state")) {
        if (str(e, "state") == QLatin1String("ended")) {
            const int agent = int(num(e, "agent"));
            m_sessions[agent].remove(num(e, "session"));
            rebuildSessions(agent);
        }
    } else if (ev == QLatin1String("queue.removed")) {
        m_queues.remove(int(num(e, "queue")));
    } else if (ev == QLatin1String("agent.removed")) {
        const int agent = int(num(e, "agent"));
        m_sessions.remove(agent);
        m_agents.remove(agent);
    } else if (ev == QLatin1String("interval.closed")) {
        // The engine's interval counters restart now; until the db has the closed interval
        // (read again shortly) its counters join today's base from the event.
        const bool today = num(e, "start") >= todayStart();
        for (const QJsonValue &v : e.value(QLatin1String("queues")).toArray()) {
            const QJsonObject q = v.toObject();
            const int id = int(num(q, "queue"));
            QueueCounters c;
            if (today) {
                if (const QueueRow *row = m_queues.row(id))
                    c = row->interval;
                c.offered = num(q, "offered");
                c.answered = num(q, "answered");
                c.answeredInSl = num(q, "answeredInSl");
                c.abandoned = num(q, "abandoned");
                c.handled = num(q, "handled");
            }
            m_queues.closeInterval(id, c);
        }
        for (const QJsonValue &v : e.value(QLatin1String("agents")).toArray()) {
            const QJsonObject a = v.toObject();
            m_agents.closeInterval(int(num(a, "agent")), today ? num(a, "answered") : 0);
        }
        m_dayReload.start();
    } else if (ev == QLatin1String("call.queued")) {
        Call &c = m_calls[num(e, "call")];
        c.queue = int(num(e, "queue"));
        if (e.contains(QLatin1String("ani"))) // a new call names its caller
            c.caller = str(e, "ani");
        if (c.since == 0)
            c.since = at;
    } else if (ev == QLatin1String("call.offered") || ev == QLatin1String("call.answered")) {
        const qint64 id = num(e, "call");
        Call &c = m_calls[id];
        c.queue = int(num(e, "queue"));
        c.agent = int(num(e, "agent"));
        // Duration counts from the offer, then from the answer (talk time).
        m_agents.setCall(int(num(e, "agent")), id, c.queue, c.caller, at);
    } else if (ev == QLatin1String("call.requeued")) {
        m_agents.clearCall(int(num(e, "agent")), num(e, "call"));
    } else if (ev == QLatin1String("call.completed")) {
        // A call abandoned while ringing completes without an agent: clear whoever had it.
        const qint64 id = num(e, "call");
        const int offeredTo = m_calls.value(id).agent;
        m_calls.remove(id);
        if (const int agent = int(num(e, "agent")); agent != 0)
            m_agents.clearCall(agent, id);
        if (offeredTo != 0)
            m_agents.clearCall(offeredTo, id);
    }
}

void FloorState::flushNow()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_queues.flush();
    m_agents.flush();
    emit flushed();
}

void FloorState::onDisconnected()
{
    if (auto done = std::exchange(m_startDone, {}))
        done(Reply{false,
                   QStringLiteral("disconnected"),
                   tr("cannot reach %1").arg(m_address),
                   {},
                   {},
                   {}});
    m_flush.stop();
    m_tick.stop();
    flushNow();
    if (m_status == Status::Offline)
        return;
    if (!m_everLive) {
        // Never got in: nothing to freeze, the login dialog reports it.
        setStatus(Status::Offline);
        return;
    }
    if (!m_frozenAt.isValid())
        m_frozenAt = QDateTime::currentDateTime();
    m_queues.setFrozen(true);
    m_agents.setFrozen(true);
    m_syncing = false;
    setStatus(Status::Disconnected);
    m_reconnect.start();
}

void FloorState::forceReady(int agent, ProtocolClient::Callback done)
{
    m_client.request(
        QStringLiteral("agent.setState"),
        {{QStringLiteral("agent"), agent}, {QStringLiteral("state"), QStringLiteral("ready")}},
        std::move(done));
}

void FloorState::forceNotReady(int agent, int reason, ProtocolClient::Callback done)
{
    m_client.request(QStringLiteral("agent.setState"),
                     {{QStringLiteral("agent"), agent},
                      {QStringLiteral("state"), QStringLiteral("not-ready")},
                      {QStringLiteral("reason"), reason}},
                     std::move(done));
}

void FloorState::forceLogout(int agent, ProtocolClient::Callback done)
{
    m_client.request(QStringLiteral("agent.logout"), {{QStringLiteral("agent"), agent}},
                     std::move(done));
}

} // namespace acd::sup
