#pragma once
// The core's routing decisions on their own, for the benchmark that sets them beside a router
// that scans every agent and queue (tests/bench, `routing/<agents>`). A probe drives the very
// index an Engine routes with (engine_routing.cpp: the idle agents per pool and level, the
// waiting calls, the strategy's choice among them) and nothing else of a call's life: no call
// record outlives its decision, and no statistics, events, timers or state reports are made.
// That is what the scanning baseline does too, so the two are compared like for like; the
// whole core's cost per decision is measured separately (`core/<agents>`).
//
// A probe changes the index behind the engine's back: once it has made a decision, the
// engine's agents' states no longer match the index, so the engine may then be used only
// through the probe.
#include "core/types.h"

namespace acd::core {

class Engine;

class RoutingProbe {
public:
    /// For an engine whose agents are logged in; those Ready are in the idle index.
    explicit RoutingProbe(Engine &engine);

    /// A call of priority `priority` arrives at `queue` (its own group and skill): offered to
    /// the agent the queue's strategy picks among the idle qualified agents, who leaves the
    /// idle index, or put in the waiting index. Returns that agent, or 0 when the call waits
    /// (or the queue is unknown).
    AgentId callArrives(QueueId queue, CallId call, int priority = kMinPriority);

    /// A busy agent becomes free: gets the waiting call it should take next (priority, then
    /// the longest wait, over every queue it serves), which leaves the waiting index, or goes
    /// into the idle index. Returns that call, or 0 when the agent goes idle (or is unknown).
    CallId agentFrees(AgentId agent);

private:
    Engine &m_engine;
};

} // namespace acd::core
