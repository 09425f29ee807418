#pragma once
// QueueModel: the wallboard, one row per queue, holding the engine's queue objects (snapshot
// `queues[]` and `queue.stats` events). Batched (batched_rows.h): a burst of events costs one
// repaint; the model is reset only when a snapshot replaces everything.
#include "supmodels/kpi.h"
#include "supmodels/thresholds.h"

#include "supmodels/batched_rows.h"

#include <QHash>
#include <QJsonObject>

#include <functional>
#include <vector>

namespace acd::sup {

struct QueueRow {
    int id = 0;
    QString name;
    bool open = true; ///< inside its business hours now
    int waiting = 0, ringing = 0;
    qint64 longestWaitMs = 0; ///< as of sampledAt (engine clock)
    qint64 sampledAt = 0;
    int staffed = 0, available = 0, onCall = 0, wrapUp = 0, notReady = 0;
    QueueCounters total, interval;
};

class QueueModel : public BatchedRowModel<QueueRow> {
    Q_OBJECT
public:
    enum Column {
        Name,
        Open,
        Waiting,
        LongestWait,
        SlToday,
        SlInterval,
        Asa,
        Aht,
        Offered,
        Answered,
        Abandoned,
        Staffed,
        Ready,
        OnCall,
        WrapUp,
        NotReady,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, IdRole };

    explicit QueueModel(ThresholdStore *thresholds, QObject *parent = nullptr);

    /// The engine's time now (ms); the owner keeps it in step with the engine clock.
    void setClock(std::function<qint64()> engineNow) { m_now = std::move(engineNow); }

    /// Replaces every row (a snapshot): one reset.
    void resetFrom(const QJsonArray &queues, qint64 at);
    /// A queue object (snapshot shape): updates or appends its row.
    void upsert(const QJsonObject &queue, qint64 at);
    /// queue.removed: an admin deleted it.
    void remove(int queue);
    /// queue.changed: live waiting/ringing at `at` (engine ms).
    void setWaiting(int queue, int waiting, int ringing, qint64 at);
    /// Today's closed intervals per queue (from the db); "today" = these + the live interval.
    /// Until set, "today" falls back to the engine's totals (since it started).
    void setDayBase(const QHash<int, QueueCounters> &closed);
    /// interval.closed: the interval's counters move into today's base at once, and the
    /// queue's live interval starts again from zero.
    void closeInterval(int queue, const QueueCounters &closed);
    QueueCounters today(const QueueRow &r) const;
    bool hasDayBase() const { return m_hasDay; }
    /// Time-driven columns (longest wait) moved on.
    void tick();
    /// Disconnected: grey everything and stop the clocks at `at`.
    void setFrozen(bool frozen);

    const QueueRow *row(int queue) const;
    qint64 longestWaitNow(const QueueRow &r) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    static QueueRow fromJson(const QJsonObject &q, qint64 at);
    QVariant value(const QueueRow &r, int column) const;
    QVariant text(const QueueRow &r, int column) const;
    Alert alert(const QueueRow &r, int column) const;

    ThresholdStore *m_thresholds;
    std::function<qint64()> m_now;
    bool m_frozen = false;
    qint64 m_frozenAt = 0;
    bool m_hasDay = false;
    QHash<int, QueueCounters> m_dayBase;
};

/// "m:ss" (or "h:mm:ss") for a duration.
QString formatDuration(qint64 ms);

} // namespace acd::sup
