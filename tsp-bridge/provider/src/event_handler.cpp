// The one handler of unsolicited switch events: maps each CSTA-shaped event seen by a
// line's monitor onto that line's calls (LINE_NEWCALL, LINE_CALLSTATE, LINE_DEVSPECIFIC).
//
//  event               subject is this line              another device
//  ServiceInitiated    DIALTONE (NEWCALL if unknown)     -
//  Originated          PROCEEDING                        -
//  Delivered           OFFERING (NEWCALL if unknown)     RINGBACK
//  Established         CONNECTED                         CONNECTED
//  Held                ONHOLD / ONHOLDPENDTRANSFER       no change
//  Retrieved           CONNECTED                         no change
//  ConnectionCleared   [DISCONNECTED] IDLE               no change
//  Diverted            IDLE                              no change
//  Transferred         both old calls IDLE               re-keyed: LINE_CALLINFO(CALLID)
//  Conferenced         conf call CONNECTED, the two      re-keyed: LINE_CALLINFO(CALLID)
//                      old calls CONFERENCED
//  Failed              -                                 BUSY
//  Agent*              LINE_DEVSPECIFIC(TSPIDEVSPECIFIC_AGENTSTATE, state)
//
// A self-cleared connection shows DISCONNECTED first unless this line asked for the drop.
#include "acd/tsp/provider_core.h"
#include "agent_state_map.h"

namespace acd::tsp {

void ProviderCore::handleEvent(Line &line, const SwitchEvent &ev) {
    const std::string &self = line.config.dn;
    const bool isSelf = ev.subjectDevice == self;

    if (ev.kind == EventKind::AgentStateChanged) {
        devSpecificEvent(line, TSPIDEVSPECIFIC_AGENTSTATE, agentStateToTspi(ev.agentState));
        return;
    }
    if (ev.kind == EventKind::Transferred || ev.kind == EventKind::Conferenced) {
        std::vector<uintptr_t> old;
        for (const auto &callId : {ev.primaryOldCall, ev.secondaryOldCall}) {
            auto it = callId.empty() ? line.callsById.end() : line.callsById.find(callId);
            if (it != line.callsById.end())
                old.push_back(it->second);
        }
        if (!isSelf) {
            // Our party stays; only the switch's call ID changed.
            for (uintptr_t id : old) {
                if (Call *call = callById(id)) {
                    bind(*call, ev.connection.callId);
                    callInfoChanged(*call, LINECALLINFOSTATE_CALLID);
                }
            }
            if (old.empty() && ev.localState != ConnState::Null)
                handleUnknownCall(line, ev);
            return;
        }
        if (ev.kind == EventKind::Transferred) {
            for (uintptr_t id : old) {
                if (Call *call = callById(id))
                    toIdle(*call);
            }
            return;
        }
        // Conferenced by this line: the conference call was bound by its request.
        auto confIt = line.callsById.find(ev.connection.callId);
        Call *conf = confIt == line.callsById.end() ? nullptr : callById(confIt->second);
        if (!conf)
            return;
        setState(*conf, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
        for (uintptr_t id : old) {
            Call *child = callById(id);
            if (!child)
                continue;
            line.callsById.erase(child->callId);
            child->confParent = conf->id;
            child->consultOf = child->consultCall = 0;
            child->transferSetup = false;
            conf->confChildren.push_back(child->id);
            setState(*child, LINECALLSTATE_CONFERENCED, conf->id);
        }
        return;
    }

    auto it = line.callsById.find(ev.connection.callId);
    if (it == line.callsById.end()) {
        handleUnknownCall(line, ev);
        return;
    }
    Call *call = callById(it->second);
    if (!call)
        return;

    switch (ev.kind) {
    case EventKind::ServiceInitiated:
        if (isSelf)
            setState(*call, LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL);
        break;
    case EventKind::Originated:
        if (isSelf)
            setState(*call, LINECALLSTATE_PROCEEDING);
        break;
    case EventKind::Delivered:
        if (isSelf)
            setState(*call, LINECALLSTATE_OFFERING, LINEOFFERINGMODE_ACTIVE);
        else if (ev.localState == ConnState::Connected)
            setState(*call, LINECALLSTATE_RINGBACK);
        break;
    case EventKind::Established:
    case EventKind::Retrieved:
        if (isSelf || (ev.kind == EventKind::Established && ev.localState == ConnState::Connected))
            setState(*call, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
        break;
    case EventKind::Held:
        if (isSelf)
            setState(*call,
                     call->transferSetup ? LINECALLSTATE_ONHOLDPENDTRANSFER : LINECALLSTATE_ONHOLD);
        break;
    case EventKind::ConnectionCleared:
        if (isSelf)
            handleSelfCleared(line, *call);
        break;
    case EventKind::Diverted:
        if (isSelf)
            toIdle(*call);
        break;
    case EventKind::Failed:
        if (!isSelf)
            setState(*call, LINECALLSTATE_BUSY,
                     ev.cause == "trunksBusy" ? LINEBUSYMODE_TRUNK : LINEBUSYMODE_STATION);
        break;
    default:
        break;
    }
}

void ProviderCore::handleSelfCleared(Line &, Call &call) {
    if (!call.dropPending)
        setState(call, LINECALLSTATE_DISCONNECTED, LINEDISCONNECTMODE_NORMAL);
    call.dropPending = false;
    toIdle(call);
}

void ProviderCore::handleUnknownCall(Line &line, const SwitchEvent &ev) {
    const bool isSelf = ev.subjectDevice == line.config.dn;
    DWORD state = 0;
    DWORD_PTR mode = 0;
    Call pending;
    switch (ev.kind) {
    case EventKind::ServiceInitiated:
        if (!isSelf)
            return;
        state = LINECALLSTATE_DIALTONE;
        mode = LINEDIALTONEMODE_NORMAL;
        pending.origin = LINECALLORIGIN_OUTBOUND;
        pending.reason = LINECALLREASON_DIRECT;
        break;
    case EventKind::Delivered:
        if (isSelf) {
            state = LINECALLSTATE_OFFERING;
            mode = LINEOFFERINGMODE_ACTIVE;
            // Internal when the caller is one of this provider's lines.
            pending.origin =
                lineForDn(ev.callingDevice) ? LINECALLORIGIN_INTERNAL : LINECALLORIGIN_EXTERNAL;
            pending.reason = ev.cause == "redirected"           ? LINECALLREASON_REDIRECT
                             : ev.cause == "singleStepTransfer" ? LINECALLREASON_TRANSFER
                                                                : LINECALLREASON_DIRECT;
            pending.callerId = ev.callingDevice;
            pending.calledId = ev.calledDevice;
            break;
        }
        [[fallthrough]];
    default:
        // A call we never saw (e.g. monitoring started late): take the state it is in.
        switch (ev.localState) {
        case ConnState::Connected:
            state = LINECALLSTATE_CONNECTED;
            mode = LINECONNECTEDMODE_ACTIVE;
            break;
        case ConnState::Hold:
            state = LINECALLSTATE_ONHOLD;
            break;
        case ConnState::Alerting:
            state = LINECALLSTATE_OFFERING;
            mode = LINEOFFERINGMODE_ACTIVE;
            break;
        default:
            return;
        }
        break;
    }
    Call &call = newCall(line, nullptr);
    call.origin = pending.origin;
    call.reason = pending.reason;
    call.callerId = pending.callerId;
    call.calledId = pending.calledId;
    bind(call, ev.connection.callId);
    announce(call);
    setState(call, state, mode);
}

} // namespace acd::tsp
