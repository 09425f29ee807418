#include "supmodels/agent_model.h"

#include "supmodels/queue_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QJsonArray>

namespace acd::sup {

AgentModel::AgentModel(QObject *parent)
    : BatchedRowModel(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_queueName([](int id) { return QString::number(id); })
{}

void AgentModel::setReasonNames(QHash<int, QString> names)
{
    m_reasonNames = std::move(names);
    if (!rows().empty())
        emit dataChanged(index(0, Reason), index(rowCount() - 1, Reason));
}

void AgentModel::applyObject(AgentRow &r, const QJsonObject &a)
{
    r.id = a.value(QLatin1String("id")).toInt();
    r.name = a.value(QLatin1String("name")).toString();
    r.state = a.value(QLatin1String("state")).toString();
    r.activity = a.value(QLatin1String("activity")).toString();
    r.reason = a.value(QLatin1String("reason")).toInt();
    r.activitySince = a.value(QLatin1String("activitySince")).toInteger();
    const QJsonObject total = a.value(QLatin1String("total")).toObject();
    r.answeredTotal = total.value(QLatin1String("answered")).toInteger();
    r.handledTotal = total.value(QLatin1String("handled")).toInteger();
    r.answeredInterval =
        a.value(QLatin1String("interval")).toObject().value(QLatin1String("answered")).toInteger();
    const qint64 call = a.value(QLatin1String("currentCall")).toInteger();
    if (call != r.call) {
        // The object knows the call and its queue but not the caller or since when.
        r.call = call;
        r.callQueue = call ? a.value(QLatin1String("currentQueue")).toInt() : 0;
        r.caller.clear();
        r.callSince = 0;
    }
}

void AgentModel::resetFrom(const QJsonArray &agents)
{
    std::vector<AgentRow> fresh;
    fresh.reserve(size_t(agents.size()));
    for (const QJsonValue &v : agents) {
        AgentRow r;
        applyObject(r, v.toObject());
        fresh.push_back(std::move(r));
    }
    replaceRows(std::move(fresh));
}

void AgentModel::upsert(const QJsonObject &agent)
{
    const int id = agent.value(QLatin1String("id")).toInt();
    if (AgentRow *r = changeRow(id)) {
        applyObject(*r, agent);
        return;
    }
    AgentRow r;
    applyObject(r, agent);
    appendRow(std::move(r));
}

void AgentModel::setState(int agent, const QString &state, const QString &activity, int reason,
                          qint64 at)
{
    AgentRow *r = changeRow(agent);
    if (!r)
        return;
    if (r->activity != activity || r->reason != reason)
        r->activitySince = at;
    r->state = state;
    r->activity = activity;
    r->reason = reason;
}

void AgentModel::setSessions(int agent, const QString &station, const QList<int> &groups)
{
    if (AgentRow *r = changeRow(agent)) {
        r->station = station;
        r->groups = groups;
    }
}

void AgentModel::setCall(int agent, qint64 call, int queue, const QString &caller, qint64 since)
{
    if (AgentRow *r = changeRow(agent)) {
        r->call = call;
        r->callQueue = queue;
        r->caller = caller;
        r->callSince = since;
    }
}

void AgentModel::clearCall(int agent, qint64 call)
{
    const int i = rowOf(agent);
    if (i < 0 || rows()[size_t(i)].call != call)
        return;
    AgentRow *r = changeRow(agent);
    r->call = 0;
    r->callQueue = 0;
    r->caller.clear();
    r->callSince = 0;
}

void AgentModel::setDayBase(const QHash<int, qint64> &answered)
{
    m_dayBase = answered;
    if (!m_hasDay) {
        m_hasDay = true;
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    }
    for (int r = 0; r < int(rows().size()); ++r)
        markDirty(r);
}

void AgentModel::closeInterval(int agent, qint64 answered)
{
    if (AgentRow *r = changeRow(agent)) {
        if (m_hasDay)
            m_dayBase[agent] += answered;
        r->answeredInterval = 0;
    }
}

qint64 AgentModel::answeredToday(const AgentRow &r) const
{
    return m_hasDay ? m_dayBase.value(r.id) + r.answeredInterval : r.answeredTotal;
}

void AgentModel::remove(int agent)
{
    removeRowById(agent);
}

void AgentModel::tick()
{
    if (m_frozen || rowCount() == 0)
        return;
    emit dataChanged(index(0, TimeInState), index(rowCount() - 1, TimeInState));
    emit dataChanged(index(0, CallDuration), index(rowCount() - 1, CallDuration));
}

void AgentModel::setFrozen(bool frozen)
{
    m_frozen = frozen;
    m_frozenAt = m_now();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

qint64 AgentModel::now() const
{
    return m_frozen ? m_frozenAt : m_now();
}

const AgentRow *AgentModel::row(int agent) const
{
    const int r = rowOf(agent);
    return r < 0 ? nullptr : &rows()[size_t(r)];
}

int AgentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AgentModel::activityText(const QString &activity)
{
    if (activity == QLatin1String("logged-out"))
        return tr("Logged out");
    if (activity == QLatin1String("not-ready"))
        return tr("Not ready");
    if (activity == QLatin1String("available"))
        return tr("Ready");
    if (activity == QLatin1String("ringing"))
        return tr("Ringing");
    if (activity == QLatin1String("on-call"))
        return tr("On call");
    if (activity == QLatin1String("wrap-up"))
        return tr("Wrap-up");
    if (activity == QLatin1String("other-call"))
        return tr("Other call");
    return activity;
}

QVariant AgentModel::value(const AgentRow &r, int column) const
{
    switch (column) {
    case Name:
        return r.name;
    case Station:
        return r.station;
    case State:
        return r.activity;
    case Reason:
        return r.activity == QLatin1String("not-ready") ? r.reason : 0;
    case TimeInState:
        return r.activitySince ? now() - r.activitySince : 0;
    case CallQueue:
        return r.call ? r.callQueue : 0;
    case Caller:
        return r.caller;
    case CallDuration:
        return r.call && r.callSince ? now() - r.callSince : 0;
    case CallsToday:
        return answeredToday(r);
    }
    return {};
}

QVariant AgentModel::text(const AgentRow &r, int column) const
{
    switch (column) {
    case Name:
        return QStringLiteral("%1 (%2)").arg(r.name).arg(r.id);
    case State:
        return activityText(r.activity);
    case Reason: {
        const int code = value(r, column).toInt();
        if (code == 0)
            return QString();
        const QString name = m_reasonNames.value(code);
        return name.isEmpty() ? QString::number(code) : QStringLiteral("%1 %2").arg(code).arg(name);
    }
    case TimeInState:
        return r.activitySince ? formatDuration(value(r, column).toLongLong()) : QString();
    case CallQueue:
        return r.call ? m_queueName(r.callQueue) : QString();
    case CallDuration:
        return r.call && r.callSince ? formatDuration(value(r, column).toLongLong()) : QString();
    }
    return value(r, column);
}

QVariant AgentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AgentRow &r = rows()[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return text(r, index.column());
    case SortRole:
        return value(r, index.column());
    case IdRole:
        return r.id;
    case ActivityRole:
        return r.activity;
    case GroupsRole:
        return QVariant::fromValue(r.groups);
    case Qt::ForegroundRole:
        return m_frozen ? QVariant(QBrush(QColor(0x80, 0x80, 0x80))) : QVariant();
    case Qt::BackgroundRole:
        return m_frozen ? QVariant(QBrush(QColor(0xe0, 0xe0, 0xe0))) : QVariant();
    }
    return {};
}

QVariant AgentModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o == Qt::Horizontal && role == Qt::ToolTipRole && section == CallsToday)
        return m_hasDay ? tr("ACD calls answered today (UTC)")
                        : tr("ACD calls answered since the engine started");
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case Name:
        return tr("Agent");
    case Station:
        return tr("Station");
    case State:
        return tr("State");
    case Reason:
        return tr("Reason");
    case TimeInState:
        return tr("Time in state");
    case CallQueue:
        return tr("Queue");
    case Caller:
        return tr("Caller");
    case CallDuration:
        return tr("Call duration");
    case CallsToday:
        return tr("Calls today");
    }
    return {};
}

} // namespace acd::sup
