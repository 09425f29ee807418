// Agent sessions (TAPI 2.2): CREATEAGENTSESSION, GETAGENTSESSIONLIST, GETAGENTSESSIONINFO,
// SETAGENTSESSIONSTATE.
#include "proxy_impl.h"

#include "acd/tapi/session_structs.h"
#include "acd/tapi/state_map.h"
#include "acd/tapi/values.h"
#include "db/secret_hash.h"

namespace acd::tapi {

LONG AcdProxy::Impl::createAgentSession(Request &req)
{
    auto &c = req.r.CreateAgentSession;
    const auto agent = agentOf(c.hAgent);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const core::AgentConfig *config = agentConfig(*agent);
    const std::string pin = requestString(req.r, c.dwAgentPINSize, c.dwAgentPINOffset);
    if (!config || pin.empty() || !db::verifySecret(pin, config->pinHash))
        return LINEERR_INVALPASSWORD;
    const core::GroupConfig *group = groupByGuid(&c.GroupID);
    if (!group)
        return LINEERR_INVALAGENTGROUP;
    const std::string station = stationOf(req.device);
    if (station.empty())
        return LINEERR_OPERATIONFAILED;
    auto created = ctx.engine.createSession(*agent, group->id, station, ctx.now());
    if (!created) {
        switch (created.status().code()) {
        case core::ErrorCode::UnknownAgent:
            return LINEERR_INVALAGENTID;
        case core::ErrorCode::UnknownGroup:
            return LINEERR_INVALAGENTGROUP;
        default:
            return LINEERR_OPERATIONFAILED; // e.g. already in that group
        }
    }
    c.hAgentSession = sessionHandleFor(created.value());
    return 0;
}

LONG AcdProxy::Impl::getAgentSessionList(Request &req)
{
    auto &g = req.r.GetAgentSessionList;
    const auto agent = agentOf(g.hAgent);
    if (!agent)
        return LINEERR_INVALAGENTID;
    std::vector<AgentSessionRef> refs;
    for (const core::SessionId id : ctx.engine.sessionsOf(*agent)) {
        auto s = ctx.engine.session(id);
        if (!s)
            continue;
        const core::GroupConfig *group = groupById(s.value().group);
        refs.push_back(
            AgentSessionRef{sessionHandleFor(id), g.hAgent, group ? group->guid : core::Guid{}, 0});
    }
    return fillAgentSessionList(&g.SessionList, refs);
}

LONG AcdProxy::Impl::getAgentSessionInfo(Request &req)
{
    auto &g = req.r.GetAgentSessionInfo;
    auto it = sessionByHandle.find(g.hAgentSession);
    if (it == sessionByHandle.end())
        return LINEERR_INVALPARAM;
    auto s = ctx.engine.session(it->second);
    if (!s)
        return LINEERR_INVALPARAM;
    return fillAgentSessionInfo(&g.SessionInfo, s.value(), oleDateFromUnixMs(s.value().startedAt));
}

LONG AcdProxy::Impl::setAgentSessionState(Request &req)
{
    auto &s = req.r.SetAgentSessionState;
    auto it = sessionByHandle.find(s.hAgentSession);
    if (it == sessionByHandle.end())
        return LINEERR_INVALPARAM;
    const auto state = sessionStateFromTapi(s.dwAgentSessionState);
    const auto next = sessionStateFromTapi(s.dwNextAgentSessionState);
    if (!state || !next)
        return LINEERR_INVALAGENTSESSIONSTATE;
    const core::Status st = ctx.engine.setSessionState(it->second, *state, *next, ctx.now());
    if (st)
        return 0;
    switch (st.code()) {
    case core::ErrorCode::InvalidState:
    case core::ErrorCode::NotLoggedIn:
        return LINEERR_INVALAGENTSESSIONSTATE;
    case core::ErrorCode::UnknownSession:
        return LINEERR_INVALPARAM;
    default:
        return LINEERR_OPERATIONFAILED;
    }
}

} // namespace acd::tapi
