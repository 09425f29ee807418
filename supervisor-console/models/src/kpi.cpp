#include "supmodels/kpi.h"

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
