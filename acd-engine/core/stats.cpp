#include "core/stats.h"

namespace acd::core {
namespace {

double ratio(double num, double den)
{
    return den > 0 ? num / den : 0.0;
}
double seconds(TimeMs ms)
{
    return static_cast<double>(ms) / kMsPerSecond;
}

} // namespace

double QueueCounters::serviceLevel(ServiceLevelDefinition def) const
{
    const double inSl = static_cast<double>(answeredInSl);
    switch (def) {
    case ServiceLevelDefinition::Offered:
        return ratio(inSl, static_cast<double>(answered + abandoned));
    case ServiceLevelDefinition::AnsweredOnly:
        return ratio(inSl, static_cast<double>(answered));
    case ServiceLevelDefinition::ShortAbandonsExcluded:
        return ratio(inSl, static_cast<double>(answered + abandoned - abandonedShort));
    }
    return 0.0;
}

double QueueCounters::asaSeconds() const
{
    return ratio(seconds(waitAnsweredMs), static_cast<double>(answered));
}

double QueueCounters::averageWaitSeconds() const
{
    return ratio(seconds(waitAnsweredMs + waitAbandonedMs),
                 static_cast<double>(answered + abandoned));
}

double QueueCounters::ahtSeconds() const
{
    return ratio(seconds(talkMs + holdMs + wrapMs), static_cast<double>(handled));
}

double QueueCounters::abandonRate() const
{
    return ratio(static_cast<double>(abandoned), static_cast<double>(answered + abandoned));
}

double QueueCounters::averageAbandonSeconds() const
{
    return ratio(seconds(waitAbandonedMs), static_cast<double>(abandoned));
}

TimeMs AgentCounters::staffedMs() const
{
    return availableMs + notReadyMs + ringingMs + onCallMs + wrapUpMs + otherCallMs;
}

double AgentCounters::occupancy() const
{
    const TimeMs busy = ringingMs + onCallMs + wrapUpMs;
    return ratio(static_cast<double>(busy), static_cast<double>(busy + availableMs));
}

double AgentCallCounters::averageTalkSeconds() const
{
    return ratio(seconds(talkMs), static_cast<double>(handled));
}

double AgentCallCounters::averageCallSeconds() const
{
    return ratio(seconds(talkMs + holdMs), static_cast<double>(handled));
}

double AgentCallCounters::averageWrapSeconds() const
{
    return ratio(seconds(wrapMs), static_cast<double>(handled));
}

double AgentCallCounters::averageHandleSeconds() const
{
    return ratio(seconds(talkMs + holdMs + wrapMs), static_cast<double>(handled));
}

double AgentCallCounters::averageRingSeconds() const
{
    return ratio(seconds(ringMs), static_cast<double>(answered));
}

void applyRecord(QueueCounters &c, const StatRecord &r, int sign)
{
    const auto n = static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
    switch (r.kind) {
    case kQueueEntered:
        c.offered += n;
        if (r.flags & 1)
            c.flowedIn += n;
        break;
    case kQueueAnswered:
        c.answered += n;
        if (r.flags & 1)
            c.answeredInSl += n;
        c.waitAnsweredMs += sign * static_cast<TimeMs>(r.a);
        break;
    case kQueueAbandoned:
        c.abandoned += n;
        if (r.flags & 1)
            c.abandonedInSl += n;
        if (r.flags & 2)
            c.abandonedShort += n;
        if (r.flags & 4)
            c.abandonedRinging += n;
        c.waitAbandonedMs += sign * static_cast<TimeMs>(r.a);
        break;
    case kQueueFlowedOut:
        c.flowedOut += n;
        break;
    case kQueueDisconnected:
        c.disconnected += n;
        break;
    case kQueueHandled:
        c.handled += n;
        c.talkMs += sign * static_cast<TimeMs>(r.a);
        c.holdMs += sign * static_cast<TimeMs>(r.b);
        c.wrapMs += sign * static_cast<TimeMs>(r.c);
        break;
    default:
        break;
    }
}

void applyRecord(AgentCallCounters &c, const StatRecord &r, int sign)
{
    const auto n = static_cast<std::uint32_t>(sign);
    switch (r.kind) {
    case kAgentOffered:
        c.offered += n;
        break;
    case kAgentAnswered:
        c.answered += n;
        c.ringMs += sign * static_cast<TimeMs>(r.a);
        break;
    case kAgentRingNoAnswer:
        c.ringNoAnswer += n;
        break;
    case kAgentHandled:
        c.handled += n;
        c.talkMs += sign * static_cast<TimeMs>(r.a);
        c.holdMs += sign * static_cast<TimeMs>(r.b);
        c.wrapMs += sign * static_cast<TimeMs>(r.c);
        break;
    case kAgentOtherCall:
        if (r.flags & 1)
            c.incomingCalls += n;
        if (r.flags & 2)
            c.outgoingCalls += n;
        break;
    default:
        break;
    }
}

TimeMs maxCandidate(const QueueCounters *, const StatRecord &r)
{
    switch (r.kind) {
    case kQueueAnswered:
    case kQueueAbandoned:
    case kQueueFlowedOut:
    case kQueueDisconnected:
        return r.a;
    default:
        return -1;
    }
}

TimeMs maxCandidate(const AgentCallCounters *, const StatRecord &r)
{
    return r.kind == kAgentAnswered ? r.a : -1;
}

} // namespace acd::core
