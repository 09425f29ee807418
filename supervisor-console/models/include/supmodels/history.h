#pragma once
// History: the time series behind the charts: per queue calls waiting and service level
// (this interval), and the number of agents in each state. Past hours come from the
// `queue-intervals` report (service level per 15-minute interval; the db keeps no waiting
// counts, so that series starts live); live samples are taken from the models.
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointF>

namespace acd::sup {

class QueueModel;
class AgentModel;

class History : public QObject {
    Q_OBJECT
public:
    /// Agent state buckets, in chart order.
    enum Bucket { Ready, OnCall, WrapUp, NotReady, BucketCount };

    explicit History(QObject *parent = nullptr);

    void setSpanMs(qint64 ms) { m_spanMs = ms; }
    qint64 spanMs() const { return m_spanMs; }

    /// Rows of a `queue-intervals` report (columns by name).
    void prefill(const QStringList &columns, const QList<QStringList> &rows);
    /// One live sample of every queue and of the agents' states at `at` (ms).
    void sample(const QueueModel &queues, const AgentModel &agents, qint64 at);
    void clear();

    /// x = ms since the epoch, y = value.
    QList<QPointF> waiting(int queue) const { return m_waiting.value(queue); }
    QList<QPointF> serviceLevel(int queue) const { return m_sl.value(queue); }
    QList<QPointF> agents(Bucket b) const { return m_agents[b]; }
    QList<int> queues() const;

signals:
    void changed();

private:
    void trim(QList<QPointF> &series, qint64 now);

    qint64 m_spanMs = 4 * 3600 * 1000;
    QHash<int, QList<QPointF>> m_waiting, m_sl;
    QList<QPointF> m_agents[BucketCount];
};

} // namespace acd::sup
