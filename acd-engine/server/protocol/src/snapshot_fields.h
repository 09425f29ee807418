#pragma once
// The fields of a queue's and an agent's figures, listed once for the two JSON writers that
// send them: Poco's tree in snapshot responses, FlatJson in the `stats` stream (thousands of
// objects a second to every supervisor). An `Out` has field(key, value) for numbers, bools and
// text, object(key, fill) for a nested object and numberList(key, range).
#include "core/enums.h"
#include "core/snapshots.h"

namespace acd::server {

template<class Out>
void writeQueueCounters(Out &o, const core::QueueCounters &c)
{
    o.field("offered", c.offered);
    o.field("answered", c.answered);
    o.field("answeredInSl", c.answeredInSl);
    o.field("abandoned", c.abandoned);
    o.field("abandonedShort", c.abandonedShort);
    o.field("flowedIn", c.flowedIn);
    o.field("flowedOut", c.flowedOut);
    o.field("disconnected", c.disconnected);
    o.field("handled", c.handled);
    o.field("waitAnsweredMs", c.waitAnsweredMs);
    o.field("waitAbandonedMs", c.waitAbandonedMs);
    o.field("maxWaitMs", c.maxWaitMs);
    o.field("talkMs", c.talkMs);
    o.field("holdMs", c.holdMs);
    o.field("wrapMs", c.wrapMs);
}

template<class Out>
void writeAgentCounters(Out &o, const core::AgentCounters &c)
{
    o.field("offered", c.offered);
    o.field("answered", c.answered);
    o.field("ringNoAnswer", c.ringNoAnswer);
    o.field("handled", c.handled);
    o.field("incomingCalls", c.incomingCalls);
    o.field("outgoingCalls", c.outgoingCalls);
    o.field("talkMs", c.talkMs);
    o.field("holdMs", c.holdMs);
    o.field("wrapMs", c.wrapMs);
    o.field("availableMs", c.availableMs);
    o.field("notReadyMs", c.notReadyMs);
    o.field("onCallMs", c.onCallMs);
    o.field("wrapUpMs", c.wrapUpMs);
}

template<class Out>
void writeQueue(Out &o, const core::QueueSnapshot &q)
{
    o.field("id", q.id);
    o.field("name", std::string_view(q.name));
    o.field("group", q.group);
    o.field("waiting", q.waiting);
    o.field("ringing", q.ringing);
    o.field("open", q.open);
    o.field("longestWaitMs", q.currentLongestWaitMs);
    o.field("agentsStaffed", q.agentsStaffed);
    o.field("agentsAvailable", q.agentsAvailable);
    o.field("agentsOnCall", q.agentsOnCall);
    o.field("agentsWrapUp", q.agentsWrapUp);
    o.field("agentsNotReady", q.agentsNotReady);
    o.field("agentsOtherCall", q.agentsOtherCall);
    o.field("measurementPeriodMs", q.measurementPeriodMs);
    o.object("period", [&](Out &c) { writeQueueCounters(c, q.period); });
    o.object("interval", [&](Out &c) { writeQueueCounters(c, q.interval); });
    o.object("total", [&](Out &c) { writeQueueCounters(c, q.total); });
}

template<class Out>
void writeAgent(Out &o, const core::AgentSnapshot &a)
{
    o.field("id", a.id);
    o.field("name", std::string_view(a.name));
    o.field("state", core::toString(a.state));
    o.field("nextState", core::toString(a.nextState));
    o.field("activity", core::toString(a.activity));
    o.field("reason", a.reason);
    o.field("activitySince", a.activitySince);
    o.field("currentCall", a.currentCall);
    o.field("currentQueue", a.currentQueue);
    o.numberList("sessions", a.sessions);
    o.field("measurementPeriodMs", a.measurementPeriodMs);
    o.object("period", [&](Out &c) { writeAgentCounters(c, a.period); });
    o.object("interval", [&](Out &c) { writeAgentCounters(c, a.interval); });
    o.object("total", [&](Out &c) { writeAgentCounters(c, a.total); });
}

} // namespace acd::server
