#include "supmodels/thresholds.h"

#include <QSettings>

namespace acd::sup {

ThresholdStore::ThresholdStore(QObject *parent)
    : QObject(parent)
{}

void ThresholdStore::setEngine(const QString &address)
{
    m_engine = address;
    m_cache.clear();
}

QString ThresholdStore::key(int queue) const
{
    // '/' separates QSettings groups, ':' is fine inside a key.
    QString engine = m_engine;
    engine.replace(QLatin1Char('/'), QLatin1Char('_'));
    return QStringLiteral("thresholds/%1/%2/").arg(engine).arg(queue);
}

Thresholds ThresholdStore::forQueue(int queue) const
{
    // Read on every cell paint: keep them in memory, QSettings only on a miss.
    if (auto it = m_cache.constFind(queue); it != m_cache.constEnd())
        return *it;
    QSettings s;
    const QString k = key(queue);
    Thresholds d;
    Thresholds t;
    t.waitingAmber = s.value(k + QLatin1String("waitingAmber"), d.waitingAmber).toInt();
    t.waitingRed = s.value(k + QLatin1String("waitingRed"), d.waitingRed).toInt();
    t.longestWaitAmberS =
        s.value(k + QLatin1String("longestWaitAmberS"), d.longestWaitAmberS).toInt();
    t.longestWaitRedS = s.value(k + QLatin1String("longestWaitRedS"), d.longestWaitRedS).toInt();
    t.slTargetPct = s.value(k + QLatin1String("slTargetPct"), d.slTargetPct).toDouble();
    t.slRedPct = s.value(k + QLatin1String("slRedPct"), d.slRedPct).toDouble();
    m_cache.insert(queue, t);
    return t;
}

void ThresholdStore::setForQueue(int queue, const Thresholds &t)
{
    QSettings s;
    const QString k = key(queue);
    s.setValue(k + QLatin1String("waitingAmber"), t.waitingAmber);
    s.setValue(k + QLatin1String("waitingRed"), t.waitingRed);
    s.setValue(k + QLatin1String("longestWaitAmberS"), t.longestWaitAmberS);
    s.setValue(k + QLatin1String("longestWaitRedS"), t.longestWaitRedS);
    s.setValue(k + QLatin1String("slTargetPct"), t.slTargetPct);
    s.setValue(k + QLatin1String("slRedPct"), t.slRedPct);
    m_cache.insert(queue, t);
    emit changed(queue);
}

Alert ThresholdStore::waitingAlert(const Thresholds &t, int waiting)
{
    if (waiting >= t.waitingRed)
        return Alert::Red;
    return waiting >= t.waitingAmber ? Alert::Amber : Alert::None;
}

Alert ThresholdStore::longestWaitAlert(const Thresholds &t, qint64 ms)
{
    if (ms >= qint64(t.longestWaitRedS) * 1000)
        return Alert::Red;
    return ms >= qint64(t.longestWaitAmberS) * 1000 ? Alert::Amber : Alert::None;
}

Alert ThresholdStore::serviceLevelAlert(const Thresholds &t, double pct, bool anyCalls)
{
    if (!anyCalls)
        return Alert::None;
    if (pct < t.slRedPct)
        return Alert::Red;
    return pct < t.slTargetPct ? Alert::Amber : Alert::None;
}

} // namespace acd::sup
