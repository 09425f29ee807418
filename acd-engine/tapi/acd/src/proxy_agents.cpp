// Agents (TAPI 2.2): CREATEAGENT, SETAGENTMEASUREMENTPERIOD, GETAGENTINFO; and the suite's
// lineAgentSpecific extension (ACDAGENTSPECIFIC_*, tapi.h section 12).
#include "proxy_impl.h"

#include "acd/tapi/agent_structs.h"
#include "db/secret_hash.h"

#include <charconv>
#include <cstring>

namespace acd::tapi {
namespace {

/// The agent ID as text: decimal digits without sign or leading zeros.
std::optional<core::AgentId> parseAgentId(const std::string &text)
{
    core::AgentId id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || std::to_string(id) != text)
        return std::nullopt;
    return id;
}

} // namespace

LONG AcdProxy::Impl::createAgent(Request &req)
{
    auto &c = req.r.CreateAgent;
    const std::string idText = requestString(req.r, c.dwAgentIDSize, c.dwAgentIDOffset);
    const auto id = parseAgentId(idText);
    const core::AgentConfig *agent = id ? agentConfig(*id) : nullptr;
    if (!agent)
        return LINEERR_INVALAGENTID;
    const std::string pin = requestString(req.r, c.dwAgentPINSize, c.dwAgentPINOffset);
    if (pin.empty() || !db::verifySecret(pin, agent->pinHash))
        return LINEERR_INVALPASSWORD;
    HAGENT &handle = handleByAgent[agent->id];
    if (handle == 0) {
        handle = nextAgentHandle++;
        agentByHandle[handle] = agent->id;
    }
    c.hAgent = handle;
    createdAt[req.device] = agent->id;
    return 0;
}

LONG AcdProxy::Impl::setAgentMeasurementPeriod(Request &req)
{
    const auto agent = agentOf(req.r.SetAgentMeasurementPeriod.hAgent);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const DWORD seconds = req.r.SetAgentMeasurementPeriod.dwMeasurementPeriod;
    if (seconds == 0 || seconds > 0x7FFFFFFF)
        return LINEERR_INVALPARAM;
    const core::Status st = ctx.engine.setAgentMeasurementPeriod(*agent, static_cast<int>(seconds));
    if (st)
        return 0;
    return st.code() == core::ErrorCode::InvalidArgument ? LINEERR_INVALPARAM
                                                         : LINEERR_OPERATIONFAILED;
}

LONG AcdProxy::Impl::getAgentInfo(Request &req)
{
    const auto agent = agentOf(req.r.GetAgentInfo.hAgent);
    if (!agent)
        return LINEERR_INVALAGENTID;
    auto snapshot = ctx.engine.agent(*agent);
    if (!snapshot)
        return LINEERR_OPERATIONFAILED;
    return fillAgentInfo(&req.r.GetAgentInfo.AgentInfo, snapshot.value());
}

LONG AcdProxy::Impl::agentSpecific(Request &req)
{
    auto &a = req.r.AgentSpecific;
    if (a.dwAgentExtensionIDIndex != 0)
        return LINEERR_INVALPARAM;
    if (a.dwSize < sizeof(ACDAGENTSPECIFICPARAMS))
        return LINEERR_STRUCTURETOOSMALL;
    ACDAGENTSPECIFICPARAMS params;
    std::memcpy(&params, a.Params, sizeof params);
    const auto agent = agentAt(req.device);
    if (!agent)
        return LINEERR_INVALAGENTID;
    const core::TimeMs now = ctx.now();
    switch (params.dwCommand) {
    case ACDAGENTSPECIFIC_ENDWRAPUP: {
        const core::Status st = ctx.engine.endWrapUp(*agent, now);
        if (st)
            return 0;
        return st.code() == core::ErrorCode::InvalidState ? LINEERR_INVALAGENTSTATE
                                                          : LINEERR_OPERATIONFAILED;
    }
    case ACDAGENTSPECIFIC_SETREASON: {
        if (params.dwValue == 0 || !ctx.engine.config().reasonCodes.count(params.dwValue))
            return LINEERR_INVALAGENTACTIVITY;
        const core::Status st = ctx.engine.setAgentState(
            *agent, core::AgentStateEx::NotReady, core::AgentStateEx::None, params.dwValue, now);
        if (st)
            return 0;
        return st.code() == core::ErrorCode::InvalidState
                       || st.code() == core::ErrorCode::NotLoggedIn
                   ? LINEERR_INVALAGENTSTATE
                   : LINEERR_OPERATIONFAILED;
    }
    case ACDAGENTSPECIFIC_GETSTATION: {
        // The station of the agent's active session, "" when not logged in.
        std::string station;
        auto snapshot = ctx.engine.agent(*agent);
        if (snapshot && !snapshot.value().sessions.empty()) {
            auto s = ctx.engine.session(snapshot.value().sessions.front());
            if (s)
                station = s.value().station;
        }
        std::memset(params.szText, 0, sizeof params.szText);
        std::memcpy(params.szText, station.data(),
                    std::min(station.size(), sizeof params.szText - 1));
        std::memcpy(a.Params, &params, sizeof params);
        return 0;
    }
    case ACDAGENTSPECIFIC_GETLASTCHANGE: {
        // Why the agent is in this state and who put them there, for a desktop that must show
        // a supervisor's force or a ring-no-answer at once.
        std::string by;
        core::ReasonCode reason = 0;
        if (auto s = seen.find(*agent); s != seen.end()) {
            by = s->second.changedBy;
            reason = s->second.reason;
        }
        params.dwValue = reason;
        std::memset(params.szText, 0, sizeof params.szText);
        std::memcpy(params.szText, by.data(), std::min(by.size(), sizeof params.szText - 1));
        std::memcpy(a.Params, &params, sizeof params);
        return 0;
    }
    default:
        return LINEERR_INVALPARAM;
    }
}

} // namespace acd::tapi
