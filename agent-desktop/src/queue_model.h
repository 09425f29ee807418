#pragma once
// The queues of the agent's groups (lineGetQueueList per group) with calls waiting and the
// longest current wait (lineGetQueueInfo), refreshed per queue on LINE_QUEUESTATUS. At most
// one request per queue is in flight; a status that arrives meanwhile asks again 500 ms after
// the answer, so a busy queue costs at most about two requests a second, not one per event.
#include "tapi.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>
#include <QUuid>

namespace desk {

class TapiLink;

class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, WaitingColumn, LongestWaitColumn, ColumnCount };
    enum Role { QueueIdRole = Qt::UserRole + 1 };

    explicit QueueModel(TapiLink &link, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Lists the queues of `groups` on `line` and reads their figures.
    void load(HLINE line, const QList<QUuid> &groups);
    void handleMessage(const LINEMESSAGE &m);
    void refreshAll();
    void clear();

    int waiting(int row) const { return m_queues.at(row).waiting; }
    /// The longest current wait now: as read, plus the time since when calls are waiting.
    int longestWait(int row) const;
    QString name(int row) const { return m_queues.at(row).name; }

private:
    struct Queue {
        DWORD id = 0;
        QString name;
        int waiting = 0;
        int longestWait = 0;
        QElapsedTimer readAt; ///< the oldest caller keeps waiting between two reads
        bool known = false;   ///< figures read at least once
        bool inFlight = false;
        bool again = false;
    };
    void addQueues(const QList<QPair<DWORD, QString>> &queues);
    void refresh(DWORD queueId);
    int rowOf(DWORD queueId) const;

    TapiLink &m_link;
    HLINE m_line = 0;
    QList<Queue> m_queues;
    int m_generation = 0; ///< replies of an older load() are ignored
    QTimer m_tick;
};

} // namespace desk
