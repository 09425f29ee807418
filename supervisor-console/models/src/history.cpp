#include "supmodels/history.h"

#include "supmodels/agent_model.h"
#include "supmodels/queue_model.h"

#include <QDateTime>

#include <algorithm>

namespace acd::sup {

History::History(QObject *parent)
    : QObject(parent)
{}

void History::clear()
{
    m_waiting.clear();
    m_sl.clear();
    for (auto &s : m_agents)
        s.clear();
    emit changed();
}

void History::prefill(const QStringList &columns, const QList<QStringList> &rows)
{
    const qsizetype start = columns.indexOf(QStringLiteral("interval_start"));
    const qsizetype queue = columns.indexOf(QStringLiteral("queue_id"));
    const qsizetype sl = columns.indexOf(QStringLiteral("service_level_pct"));
    if (start < 0 || queue < 0 || sl < 0)
        return;
    for (const QStringList &row : rows) {
        const QDateTime t = QDateTime::fromString(row.value(start), Qt::ISODate);
        if (!t.isValid())
            continue;
        // A closed interval's figure is plotted at its end (start + 15 min).
        const double x = double(t.toMSecsSinceEpoch() + 15 * 60 * 1000);
        m_sl[row.value(queue).toInt()].append(QPointF(x, row.value(sl).toDouble()));
    }
    for (auto &series : m_sl)
        std::sort(series.begin(), series.end(),
                  [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    emit changed();
}

void History::trim(QList<QPointF> &series, qint64 now)
{
    const double cutoff = double(now - m_spanMs);
    qsizetype drop = 0;
    while (drop < series.size() && series[drop].x() < cutoff)
        ++drop;
    if (drop > 0)
        series.remove(0, drop);
}

void History::sample(const QueueModel &queues, const AgentModel &agents, qint64 at)
{
    for (const QueueRow &q : queues.rows()) {
        auto &w = m_waiting[q.id];
        w.append(QPointF(double(at), q.waiting));
        trim(w, at);
        auto &s = m_sl[q.id];
        s.append(QPointF(double(at), q.interval.serviceLevelPct()));
        trim(s, at);
    }
    int counts[BucketCount] = {};
    for (int r = 0; r < agents.rowCount(); ++r) {
        const QString a =
            agents.index(r, AgentModel::State).data(AgentModel::ActivityRole).toString();
        if (a == QLatin1String("available"))
            ++counts[Ready];
        else if (a == QLatin1String("on-call") || a == QLatin1String("ringing")
                 || a == QLatin1String("other-call"))
            ++counts[OnCall];
        else if (a == QLatin1String("wrap-up"))
            ++counts[WrapUp];
        else if (a == QLatin1String("not-ready"))
            ++counts[NotReady];
    }
    for (int b = 0; b < BucketCount; ++b) {
        m_agents[b].append(QPointF(double(at), counts[b]));
        trim(m_agents[b], at);
    }
    emit changed();
}

QList<int> History::queues() const
{
    QList<int> ids = m_sl.keys();
    for (int id : m_waiting.keys())
        if (!ids.contains(id))
            ids.append(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace acd::sup
