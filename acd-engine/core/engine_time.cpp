// Time: the core's timers and the statistics intervals.
#include "core/engine_impl.h"

namespace acd::core {

void Engine::Impl::ensureIntervalTimer()
{
    const TimeMs len = static_cast<TimeMs>(m_config.intervalMinutes) * 60 * kMsPerSecond;
    m_intervalStart = (m_now / len) * len;
    m_intervalTimer =
        m_timers.schedule(m_now, m_intervalStart + len - m_now, TimerKind::IntervalEnd, 0);
}

void Engine::Impl::advanceTo(TimeMs now)
{
    if (!m_started) {
        m_started = true;
        m_now = now;
        ensureIntervalTimer();
    }
    if (now < m_now)
        now = m_now;
    while (m_timers.hasDue(now)) {
        const TimerEntry timer = m_timers.pop();
        if (timer.due > m_now)
            m_now = timer.due;
        onTimer(timer);
    }
    m_now = now;
}

void Engine::Impl::onTimer(const TimerEntry &timer)
{
    switch (timer.kind) {
    case TimerKind::RingTimeout: {
        const Call &call = m_calls[timer.object];
        if (call.live && call.ringTimer == timer.token && call.phase == CallPhase::Ringing)
            requeue(timer.object, RequeueReason::RingNoAnswer);
        break;
    }
    case TimerKind::WrapUpEnd: {
        const Agent &agent = m_agents[timer.object];
        if (agent.wrapTimer == timer.token && agent.activity == AgentActivity::WrapUp)
            endWrapUp(timer.object, {});
        break;
    }
    case TimerKind::Relaxation: {
        const Call &call = m_calls[timer.object];
        if (call.live && call.relaxBase != 0
            && timer.token == call.relaxBase + static_cast<std::uint64_t>(call.relaxStep))
            applyRelaxation(timer.object);
        break;
    }
    case TimerKind::MaxWait: {
        Call &call = m_calls[timer.object];
        if (!call.live || call.maxWaitTimer != timer.token)
            break;
        call.maxWaitTimer = 0;
        if (call.phase == CallPhase::Queued)
            overflow(timer.object, OverflowReason::MaxWait);
        else if (call.phase == CallPhase::Ringing)
            call.maxWaitExpired = true; // decided if the offer comes back unanswered
        break;
    }
    case TimerKind::IntervalEnd:
        if (timer.token == m_intervalTimer)
            closeInterval(timer.due);
        break;
    }
}

void Engine::Impl::closeInterval(TimeMs boundary)
{
    auto report = std::make_shared<IntervalReport>();
    report->start = m_intervalStart;
    report->end = boundary;
    report->queues.reserve(m_queues.size());
    for (Queue &queue : m_queues) {
        // A removed queue's last interval (the one it was removed in) is still its history.
        if (queue.removedAt >= 0 && queue.removedAt < report->start)
            continue;
        report->queues.push_back(QueueIntervalRecord{queue.cfg.id, queue.stats.interval});
        queue.stats.interval = QueueCounters{};
    }
    for (Agent &agent : m_agents) {
        if (agent.removedAt >= 0 && agent.removedAt < report->start)
            continue;
        flushActivityTime(agent);
        const AgentCounters &c = agent.stats.interval;
        if (c.staffedMs() > 0 || c.offered > 0 || c.handled > 0)
            report->agents.push_back(AgentIntervalRecord{agent.cfg.id, c});
        agent.stats.interval = AgentCounters{};
    }
    const TimeMs len = static_cast<TimeMs>(m_config.intervalMinutes) * 60 * kMsPerSecond;
    m_intervalStart = boundary;
    m_intervalTimer = m_timers.schedule(boundary, len, TimerKind::IntervalEnd, 0);
    emit(IntervalClosed{std::move(report)});
}

} // namespace acd::core
