#include "supmodels/queue_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QJsonArray>

namespace acd::sup {

QString formatDuration(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms / 1000);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QueueModel::QueueModel(ThresholdStore *thresholds, QObject *parent)
    : BatchedRowModel(parent)
    , m_thresholds(thresholds)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    connect(m_thresholds, &ThresholdStore::changed, this, [this](int queue) {
        const int r = rowOf(queue);
        if (r >= 0)
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1), {Qt::BackgroundRole});
    });
}

QueueRow QueueModel::fromJson(const QJsonObject &q, qint64 at)
{
    auto n = [&q](const char *key) { return q.value(QLatin1String(key)).toInt(); };
    QueueRow r;
    r.id = n("id");
    r.name = q.value(QLatin1String("name")).toString();
    // Engines without business hours send no `open`: always open.
    r.open = q.value(QLatin1String("open")).toBool(true);
    r.waiting = n("waiting");
    r.ringing = n("ringing");
    r.longestWaitMs = q.value(QLatin1String("longestWaitMs")).toInteger();
    r.sampledAt = at;
    r.staffed = n("agentsStaffed");
    r.available = n("agentsAvailable");
    r.onCall = n("agentsOnCall");
    r.wrapUp = n("agentsWrapUp");
    r.notReady = n("agentsNotReady");
    r.total = QueueCounters::fromJson(q.value(QLatin1String("total")).toObject());
    r.interval = QueueCounters::fromJson(q.value(QLatin1String("interval")).toObject());
    return r;
}

void QueueModel::resetFrom(const QJsonArray &queues, qint64 at)
{
    std::vector<QueueRow> fresh;
    fresh.reserve(size_t(queues.size()));
    for (const QJsonValue &v : queues)
        fresh.push_back(fromJson(v.toObject(), at));
    replaceRows(std::move(fresh));
}

void QueueModel::upsert(const QJsonObject &queue, qint64 at)
{
    QueueRow r = fromJson(queue, at);
    if (QueueRow *existing = changeRow(r.id)) {
        *existing = std::move(r);
        return;
    }
    appendRow(std::move(r)); // a new queue (added by an admin), announced at the next flush
}

void QueueModel::setDayBase(const QHash<int, QueueCounters> &closed)
{
    m_dayBase = closed;
    if (!m_hasDay) {
        m_hasDay = true;
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); // the tooltips change
    }
    for (int r = 0; r < int(rows().size()); ++r)
        markDirty(r);
}

void QueueModel::closeInterval(int queue, const QueueCounters &closed)
{
    QueueRow *row = changeRow(queue);
    if (!row)
        return;
    if (m_hasDay)
        m_dayBase[queue] += closed;
    row->interval = {};
}

QueueCounters QueueModel::today(const QueueRow &r) const
{
    if (!m_hasDay)
        return r.total;
    QueueCounters t = m_dayBase.value(r.id);
    t += r.interval;
    return t;
}

void QueueModel::setWaiting(int queue, int waiting, int ringing, qint64 at)
{
    const int r = rowOf(queue);
    if (r < 0)
        return;
    QueueRow &q = mutableRows()[size_t(r)];
    if (q.waiting == waiting && q.ringing == ringing)
        return;
    if (q.waiting + q.ringing == 0) {
        // The first call of an empty queue: its wait starts now.
        q.longestWaitMs = 0;
        q.sampledAt = at;
    }
    q.waiting = waiting;
    q.ringing = ringing;
    markDirty(r);
}

void QueueModel::remove(int queue)
{
    removeRowById(queue);
}

void QueueModel::tick()
{
    if (m_frozen || rows().empty())
        return;
    emit dataChanged(index(0, LongestWait), index(rowCount() - 1, LongestWait));
}

void QueueModel::setFrozen(bool frozen)
{
    m_frozen = frozen;
    m_frozenAt = m_now();
    if (!rows().empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const QueueRow *QueueModel::row(int queue) const
{
    const int r = rowOf(queue);
    return r < 0 ? nullptr : &rows()[size_t(r)];
}

qint64 QueueModel::longestWaitNow(const QueueRow &r) const
{
    // The engine does not resend a queue whose only change is that its oldest call waited
    // longer: while calls wait or ring, the wait grows from the sample's time.
    if (r.waiting + r.ringing == 0)
        return 0;
    const qint64 now = m_frozen ? m_frozenAt : m_now();
    return r.longestWaitMs + qMax<qint64>(0, now - r.sampledAt);
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::value(const QueueRow &r, int column) const
{
    switch (column) {
    case Name:
        return r.name;
    case Open:
        return r.open ? tr("open") : tr("closed");
    case Waiting:
        return r.waiting;
    case LongestWait:
        return longestWaitNow(r);
    case SlToday:
        return today(r).serviceLevelPct();
    case SlInterval:
        return r.interval.serviceLevelPct();
    case Asa:
        return today(r).asaSeconds();
    case Aht:
        return today(r).ahtSeconds();
    case Offered:
        return today(r).offered;
    case Answered:
        return today(r).answered;
    case Abandoned:
        return today(r).abandoned;
    case Staffed:
        return r.staffed;
    case Ready:
        return r.available;
    case OnCall:
        return r.onCall;
    case WrapUp:
        return r.wrapUp;
    case NotReady:
        return r.notReady;
    }
    return {};
}

QVariant QueueModel::text(const QueueRow &r, int column) const
{
    switch (column) {
    case LongestWait:
        return formatDuration(longestWaitNow(r));
    case SlToday:
    case SlInterval:
        return QString::number(value(r, column).toDouble(), 'f', 1) + QLatin1Char('%');
    case Asa:
    case Aht:
        return QString::number(value(r, column).toDouble(), 'f', 1);
    }
    return value(r, column);
}

Alert QueueModel::alert(const QueueRow &r, int column) const
{
    const Thresholds t = m_thresholds->forQueue(r.id);
    switch (column) {
    case Waiting:
        return ThresholdStore::waitingAlert(t, r.waiting);
    case LongestWait:
        return ThresholdStore::longestWaitAlert(t, longestWaitNow(r));
    case SlToday: {
        const QueueCounters day = today(r);
        return ThresholdStore::serviceLevelAlert(t, day.serviceLevelPct(),
                                                 day.answered + day.abandoned > 0);
    }
    case SlInterval:
        return ThresholdStore::serviceLevelAlert(t, r.interval.serviceLevelPct(),
                                                 r.interval.answered + r.interval.abandoned > 0);
    }
    return Alert::None;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueRow &r = rows()[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return text(r, index.column());
    case SortRole:
        return value(r, index.column());
    case IdRole:
        return r.id;
    case Qt::TextAlignmentRole:
        return index.column() <= Open ? QVariant()
                                      : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::BackgroundRole:
        if (m_frozen)
            return QBrush(QColor(0xe0, 0xe0, 0xe0));
        switch (alert(r, index.column())) {
        case Alert::Red:
            return QBrush(QColor(0xe5, 0x39, 0x35));
        case Alert::Amber:
            return QBrush(QColor(0xff, 0xb3, 0x00));
        case Alert::None:
            return {};
        }
        return {};
    case Qt::ForegroundRole:
        return m_frozen ? QVariant(QBrush(QColor(0x80, 0x80, 0x80))) : QVariant();
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case SlToday:
        case Asa:
        case Aht:
        case Offered:
        case Answered:
        case Abandoned:
            // The engine keeps no live per-day block: the db's closed intervals of the day
            // plus the engine's current interval.
            return m_hasDay ? tr("Today (UTC): the closed intervals plus the current one")
                            : tr("Since the engine started (this engine has no reports)");
        case SlInterval:
            return tr("The current interval (15 minutes by default)");
        case LongestWait:
            return tr("The oldest call now waiting or ringing");
        case Open:
            return tr("Inside or outside the queue's business hours now");
        }
        return {};
    }
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case Name:
        return tr("Queue");
    case Open:
        return tr("Hours");
    case Waiting:
        return tr("Waiting");
    case LongestWait:
        return tr("Longest wait");
    case SlToday:
        return tr("SL today");
    case SlInterval:
        return tr("SL interval");
    case Asa:
        return tr("ASA s");
    case Aht:
        return tr("AHT s");
    case Offered:
        return tr("Offered");
    case Answered:
        return tr("Answered");
    case Abandoned:
        return tr("Abandoned");
    case Staffed:
        return tr("Staffed");
    case Ready:
        return tr("Ready");
    case OnCall:
        return tr("On call");
    case WrapUp:
        return tr("Wrap-up");
    case NotReady:
        return tr("Not ready");
    }
    return {};
}

} // namespace acd::sup
