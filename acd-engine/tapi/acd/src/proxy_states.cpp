// Agent states: SETAGENTSTATEEX (TAPI 2.2, per agent) and the TAPI 2.0 per-address model
// (SETAGENTGROUP, SETAGENTSTATE, SETAGENTACTIVITY, GETAGENTSTATUS).
#include "proxy_impl.h"

#include "acd/tapi/agent_structs.h"
#include "acd/tapi/state_map.h"

#include <algorithm>

namespace acd::tapi {

LONG AcdProxy::Impl::requestAgentState(core::AgentId agent, core::AgentStateEx state,
                                       core::AgentStateEx next, LONG invalidState)
{
    core::ReasonCode reason = 0;
    if (state == core::AgentStateEx::NotReady) { // keeps the current reason
        auto snapshot = ctx.engine.agent(agent);
        if (snapshot && snapshot.value().activity == core::AgentActivity::NotReady)
            reason = snapshot.value().reason;
    }
    const core::Status st = ctx.engine.setAgentState(agent, state, next, reason, ctx.now());
    if (st)
        return 0;
    switch (st.code()) {
    case core::ErrorCode::InvalidState:
    case core::ErrorCode::NotLoggedIn:
        return invalidState;
    case core::ErrorCode::UnknownAgent:
        return LINEERR_INVALAGENTID;
    default:
        return LINEERR_OPERATIONFAILED;
    }
}

LONG AcdProxy::Impl::setAgentStateEx(Request &req)
{
    auto &s = req.r.SetAgentStateEx;
    const auto agent = agentOf(s.hAgent);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const auto state = agentStateExFromTapi(s.dwAgentState);
    const auto next = agentStateExFromTapi(s.dwNextAgentState);
    if (!state || !next)
        return LINEERR_INVALAGENTSTATE;
    return requestAgentState(*agent, *state, *next, LINEERR_INVALAGENTSTATE);
}

LONG AcdProxy::Impl::setAgentState(Request &req)
{
    auto &s = req.r.SetAgentState;
    const auto state = agentStateExFromAgentState(s.dwAgentState);
    const auto next = agentStateExFromAgentState(s.dwNextAgentState);
    if (!state || !next)
        return LINEERR_INVALAGENTSTATE;
    const auto agent = agentAt(req.device);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const LONG rc = requestAgentState(*agent, *state, *next, LINEERR_INVALAGENTSTATE);
    if (rc != 0)
        return rc;
    // TAPI 2.0 has no sessions: Ready / Not Ready on the address is also the state of every
    // group the agent is in there (the core routes only to Ready sessions of a Ready agent).
    auto sessionState = [](core::AgentStateEx asked) {
        return asked == core::AgentStateEx::Ready      ? core::SessionState::Ready
               : asked == core::AgentStateEx::NotReady ? core::SessionState::NotReady
                                                       : core::SessionState::None;
    };
    const core::SessionState sessionNow = sessionState(*state);
    const core::SessionState sessionNext = sessionState(*next);
    if (sessionNow == core::SessionState::None && sessionNext == core::SessionState::None)
        return 0;
    for (const core::SessionSnapshot &session : sessionsAt(*agent, stationOf(req.device)))
        if (!ctx.engine.setSessionState(session.id, sessionNow, sessionNext, ctx.now()))
            return LINEERR_OPERATIONFAILED;
    return 0;
}

LONG AcdProxy::Impl::setAgentActivity(Request &req)
{
    const auto agent = agentAt(req.device);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const DWORD activity = req.r.SetAgentActivity.dwActivityID;
    if (activity == 0 || !ctx.engine.config().reasonCodes.count(activity))
        return LINEERR_INVALAGENTACTIVITY;
    const core::Status st = ctx.engine.setAgentState(*agent, core::AgentStateEx::NotReady,
                                                     core::AgentStateEx::None, activity, ctx.now());
    if (st)
        return 0;
    switch (st.code()) {
    case core::ErrorCode::InvalidState:
    case core::ErrorCode::NotLoggedIn:
        return LINEERR_INVALAGENTSTATE;
    case core::ErrorCode::UnknownReasonCode:
        return LINEERR_INVALAGENTACTIVITY;
    default:
        return LINEERR_OPERATIONFAILED;
    }
}

LONG AcdProxy::Impl::setAgentGroup(Request &req)
{
    const auto agent = agentAt(req.device);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const LINEAGENTGROUPLIST &list = req.r.SetAgentGroup.GroupList;
    const auto *base = reinterpret_cast<const char *>(&list);
    if (list.dwNumEntries > 0
        && (list.dwListOffset < sizeof(LINEAGENTGROUPLIST)
            || list.dwListOffset + std::uint64_t(list.dwNumEntries) * sizeof(LINEAGENTGROUPENTRY)
                   > list.dwTotalSize))
        return LINEERR_INVALAGENTGROUP;
    std::vector<core::GroupId> wanted;
    for (DWORD i = 0; i < list.dwNumEntries; ++i) {
        const char *entry = base + list.dwListOffset + i * sizeof(LINEAGENTGROUPENTRY);
        const core::GroupConfig *group = groupByGuid(entry); // GroupID is the entry's start
        if (!group)
            return LINEERR_INVALAGENTGROUP;
        if (std::find(wanted.begin(), wanted.end(), group->id) == wanted.end())
            wanted.push_back(group->id);
    }
    const std::string station = stationOf(req.device);
    const core::TimeMs now = ctx.now();
    std::vector<core::GroupId> have;
    for (const core::SessionSnapshot &s : sessionsAt(*agent, station)) {
        if (std::find(wanted.begin(), wanted.end(), s.group) == wanted.end()) {
            if (!ctx.engine.endSession(s.id, now))
                return LINEERR_OPERATIONFAILED;
        } else {
            have.push_back(s.group);
        }
    }
    for (const core::GroupId group : wanted) {
        if (std::find(have.begin(), have.end(), group) != have.end())
            continue;
        auto created = ctx.engine.createSession(*agent, group, station, now);
        if (!created)
            return created.status().code() == core::ErrorCode::UnknownGroup
                       ? LINEERR_INVALAGENTGROUP
                       : LINEERR_OPERATIONFAILED;
        sessionHandleFor(created.value());
    }
    return 0;
}

LONG AcdProxy::Impl::getAgentStatus(Request &req)
{
    AddressAgentStatus status;
    status.features = kAgentFeatures;
    const auto agent = agentAt(req.device);
    auto snapshot = agent ? ctx.engine.agent(*agent)
                          : core::Result<core::AgentSnapshot>(core::Status(
                              core::ErrorCode::UnknownAgent, "no agent at the address"));
    if (snapshot) {
        const core::AgentSnapshot &a = snapshot.value();
        for (const core::SessionSnapshot &s : sessionsAt(a.id, stationOf(req.device)))
            if (const core::GroupConfig *g = groupById(s.group))
                status.groups.push_back(AgentGroup{g->guid, g->name});
        status.state = toAgentState(a.state, a.activity);
        const bool loggedIn = a.activity != core::AgentActivity::LoggedOut;
        status.nextState = loggedIn ? nextAgentState(a.nextState) : 0;
        if (a.activity == core::AgentActivity::NotReady && a.reason != 0) {
            status.activityId = a.reason;
            const auto &codes = ctx.engine.config().reasonCodes;
            auto it = codes.find(a.reason);
            if (it != codes.end())
                status.activityName = it->second;
        }
        status.validStates = loggedIn ? kAgentStates : 0;
        status.validNextStates = loggedIn ? kAgentNextStates : 0;
    }
    return fillAgentStatus(&req.r.GetAgentStatus.AgentStatus, status, req.encoding);
}

} // namespace acd::tapi
