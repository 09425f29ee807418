#include "queue_model.h"

#include "tapi_link.h"
#include "tapi_structs.h"

namespace desk {
namespace {

constexpr int kMinRefreshMs = 500;

} // namespace

QueueModel::QueueModel(TapiLink &link, QObject *parent)
    : QAbstractTableModel(parent)
    , m_link(link)
{
    // The engine reports a queue when it changes, not while its callers wait: count on.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        for (int row = 0; row < m_queues.size(); ++row)
            if (m_queues.at(row).waiting > 0)
                emit dataChanged(index(row, LongestWaitColumn), index(row, LongestWaitColumn),
                                 {Qt::DisplayRole});
    });
    m_tick.start();
}

int QueueModel::longestWait(int row) const
{
    const Queue &q = m_queues.at(row);
    if (q.waiting == 0 || !q.readAt.isValid())
        return q.longestWait;
    return q.longestWait + static_cast<int>(q.readAt.elapsed() / 1000);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_queues.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Queue &q = m_queues.at(index.row());
    if (role == QueueIdRole)
        return q.id;
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return q.name;
    case WaitingColumn:
        return q.known ? QString::number(q.waiting) : QStringLiteral("-");
    case LongestWaitColumn: {
        if (!q.known)
            return QStringLiteral("-");
        const int wait = longestWait(index.row());
        return QStringLiteral("%1:%2").arg(wait / 60).arg(wait % 60, 2, 10, QLatin1Char('0'));
    }
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Queue");
    case WaitingColumn:
        return tr("Waiting");
    case LongestWaitColumn:
        return tr("Longest wait");
    default:
        return {};
    }
}

void QueueModel::load(HLINE line, const QList<QUuid> &groups)
{
    clear();
    m_line = line;
    const int generation = m_generation;
    for (const QUuid &group : groups) {
        auto list = makeVar<LINEQUEUELIST>(8192);
        auto guid = std::make_shared<GUID>(toGuid(group));
        std::shared_ptr<void> keep =
            std::make_shared<std::pair<decltype(list), decltype(guid)>>(list, guid);
        m_link.track(
            lineGetQueueList(line, guid.get(), list->get()),
            [this, list, generation](LONG result) {
                if (result != 0 || generation != m_generation)
                    return;
                QList<QPair<DWORD, QString>> queues;
                for (const auto &e :
                     list->entries<LINEQUEUEENTRY>((*list)->dwNumEntries, (*list)->dwListOffset))
                    queues.append({e.dwQueueID, list->string(e.dwNameSize, e.dwNameOffset)});
                addQueues(queues);
            },
            keep);
    }
}

void QueueModel::addQueues(const QList<QPair<DWORD, QString>> &queues)
{
    for (const auto &[id, name] : queues) {
        if (rowOf(id) >= 0)
            continue; // a queue shared by two of the agent's groups
        const int row = static_cast<int>(m_queues.size());
        beginInsertRows({}, row, row);
        Queue queue;
        queue.id = id;
        queue.name = name;
        m_queues.append(queue);
        endInsertRows();
        refresh(id);
    }
}

void QueueModel::handleMessage(const LINEMESSAGE &m)
{
    if (m.dwMessageID == LINE_QUEUESTATUS && m.hDevice == m_line)
        refresh(static_cast<DWORD>(m.dwParam1));
}

void QueueModel::refreshAll()
{
    for (const Queue &q : m_queues)
        refresh(q.id);
}

void QueueModel::refresh(DWORD queueId)
{
    const int row = rowOf(queueId);
    if (row < 0)
        return;
    Queue &q = m_queues[row];
    if (q.inFlight) {
        q.again = true;
        return;
    }
    q.inFlight = true;
    const int generation = m_generation;
    auto info = makeVar<LINEQUEUEINFO>(1024);
    m_link.track(
        lineGetQueueInfo(m_line, queueId, info->get()),
        [this, info, queueId, generation](LONG result) {
            if (generation != m_generation)
                return;
            const int r = rowOf(queueId);
            if (r < 0)
                return;
            Queue &queue = m_queues[r];
            queue.inFlight = false;
            if (result == 0) {
                queue.known = true;
                queue.waiting = static_cast<int>((*info)->dwCurrentCallsQueued);
                queue.longestWait = static_cast<int>((*info)->dwCurrentLongestWaitTime);
                queue.readAt.start();
                emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
            }
            if (queue.again) {
                // Busy queues report on every call: ask again, but at most twice a second, so
                // the requests never approach the engine's flood limit.
                queue.again = false;
                queue.inFlight = true;
                QTimer::singleShot(kMinRefreshMs, this, [this, queueId, generation] {
                    if (generation != m_generation)
                        return;
                    if (const int again = rowOf(queueId); again >= 0) {
                        m_queues[again].inFlight = false;
                        refresh(queueId);
                    }
                });
            }
        },
        info);
}

int QueueModel::rowOf(DWORD queueId) const
{
    for (int row = 0; row < m_queues.size(); ++row)
        if (m_queues.at(row).id == queueId)
            return row;
    return -1;
}

void QueueModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_queues.clear();
    endResetModel();
}

} // namespace desk
