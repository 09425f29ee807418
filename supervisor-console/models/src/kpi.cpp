#include "supmodels/kpi.h"

#include <QStringList>

namespace acd::sup {
namespace {

double ratio(double num, double den)
{
    return den > 0 ? num / den : 0.0;
}

} // namespace

QueueCounters QueueCounters::fromJson(const QJsonObject &o)
{
    auto n = [&o](const char *key) { return o.value(QLatin1String(key)).toInteger(); };
    QueueCounters c;
    c.offered = n("offered");
    c.answered = n("answered");
    c.answeredInSl = n("answeredInSl");
    c.abandoned = n("abandoned");
    c.abandonedShort = n("abandonedShort");
    c.handled = n("handled");
    c.waitAnsweredMs = n("waitAnsweredMs");
    c.waitAbandonedMs = n("waitAbandonedMs");
    c.talkMs = n("talkMs");
    c.holdMs = n("holdMs");
    c.wrapMs = n("wrapMs");
    return c;
}

QueueCounters QueueCounters::fromReportRow(const QStringList &columns, const QStringList &row)
{
    auto cell = [&](const char *name) {
        return row.value(columns.indexOf(QLatin1String(name))).toDouble();
    };
    QueueCounters c;
    c.offered = qint64(cell("offered"));
    c.answered = qint64(cell("answered"));
    c.abandoned = qint64(cell("abandoned"));
    c.abandonedShort = qint64(cell("abandoned_short"));
    c.handled = qint64(cell("handled"));
    c.answeredInSl = qRound64(cell("service_level_pct") / 100.0 * double(c.answered + c.abandoned));
    c.waitAnsweredMs = qRound64(cell("asa_s") * 1000.0 * double(c.answered));
    c.waitAbandonedMs = qRound64(cell("avg_abandon_s") * 1000.0 * double(c.abandoned));
    c.talkMs = qRound64(cell("aht_s") * 1000.0 * double(c.handled));
    return c;
}

QueueCounters &QueueCounters::operator+=(const QueueCounters &o)
{
    offered += o.offered;
    answered += o.answered;
    answeredInSl += o.answeredInSl;
    abandoned += o.abandoned;
    abandonedShort += o.abandonedShort;
    handled += o.handled;
    waitAnsweredMs += o.waitAnsweredMs;
    waitAbandonedMs += o.waitAbandonedMs;
    talkMs += o.talkMs;
    holdMs += o.holdMs;
    wrapMs += o.wrapMs;
    return *this;
}

double QueueCounters::serviceLevelPct() const
{
    return 100.0 * ratio(double(answeredInSl), double(answered + abandoned));
}

double QueueCounters::asaSeconds() const
{
    return ratio(double(waitAnsweredMs) / 1000.0, double(answered));
}

double QueueCounters::ahtSeconds() const
{
    return ratio(double(talkMs + holdMs + wrapMs) / 1000.0, double(handled));
}

double QueueCounters::abandonRatePct() const
{
    return 100.0 * ratio(double(abandoned), double(answered + abandoned));
}

} // namespace acd::sup
