// Call objects, call handles per application, and the call-control functions.
#include "repack.h"
#include "server_impl.h"

#include <cstring>

namespace acd::tapi {
namespace {

#define ACD_FIELD(T, name, isText)                                                                 \
    VarField                                                                                       \
    {                                                                                              \
        offsetof(T, dw##name##Size), offsetof(T, dw##name##Offset),                                \
            fieldBytes(src, offsetof(T, dw##name##Size), offsetof(T, dw##name##Offset)), isText    \
    }

HTAPICALL toHt(std::uint32_t id)
{
    return reinterpret_cast<HTAPICALL>(static_cast<std::uintptr_t>(id));
}

} // namespace

// ---- Call objects and handles -------------------------------------------------------------

Call &Server::Impl::newCall(DWORD device)
{
    std::uint32_t id = nextCallId++;
    Call &call = calls[id];
    call.id = id;
    call.device = device;
    devices[device].calls.insert(id);
    return call;
}

HCALL Server::Impl::addHandle(Call &call, LineOpen &open, DWORD privilege)
{
    HCALL h = newHandle();
    CallHandle &ch = callHandles[h];
    ch.handle = h;
    ch.line = open.handle;
    ch.call = call.id;
    ch.privilege = privilege;
    call.handles[open.handle] = h;
    open.calls.insert(h);
    return h;
}

void Server::Impl::removeHandle(HCALL h)
{
    auto it = callHandles.find(h);
    if (it == callHandles.end())
        return;
    if (auto c = calls.find(it->second.call); c != calls.end())
        c->second.handles.erase(it->second.line);
    if (auto l = lines.find(it->second.line); l != lines.end()) {
        l->second.calls.erase(h);
        if (it->second.idleHeld)
            --l->second.idleHeld;
    }
    callHandles.erase(it);
}

void Server::Impl::releaseCallIfUnused(std::uint32_t callId)
{
    auto it = calls.find(callId);
    if (it == calls.end() || !it->second.handles.empty())
        return;
    Call &call = it->second;
    bool finished = call.state == LINECALLSTATE_IDLE || !call.confirmed;
    if (!finished)
        return; // still alive at the switch: a later open or lineGetNewCalls may see it
    if (call.hdCall)
        tspi(call.device).lineCloseCall(call.hdCall);
    devices[call.device].calls.erase(callId);
    calls.erase(it);
}

void Server::Impl::noteIdleHandle(LineOpen &open, HCALL handle)
{
    CallHandle &ch = callHandles.at(handle);
    if (ch.idleHeld)
        return;
    ch.idleHeld = true;
    ++open.idleHeld;
    open.idleCalls.push_back(handle);
    // Handles are never reused: one no longer in callHandles was deallocated. Dropping those
    // entries when they pile up keeps the list short for an application that deallocates.
    if (open.idleCalls.size() > 2 * kMaxIdleCallHandlesPerLine)
        std::erase_if(open.idleCalls, [&](HCALL h) { return !callHandles.count(h); });
    while (open.idleHeld > kMaxIdleCallHandlesPerLine && !open.idleCalls.empty()) {
        const HCALL oldest = open.idleCalls.front();
        open.idleCalls.pop_front();
        auto it = callHandles.find(oldest);
        if (it == callHandles.end())
            continue;
        const std::uint32_t id = it->second.call;
        removeHandle(oldest);
        releaseCallIfUnused(id);
    }
}

void Server::Impl::announce(Call &call)
{
    call.announced = true;
    Device &d = devices[call.device];
    for (HLINE h : d.opens) {
        LineOpen &open = lines.at(h);
        if (call.handles.count(h))
            continue;
        DWORD privilege = 0;
        if (call.creator == 0 && (open.privileges & LINECALLPRIVILEGE_OWNER))
            privilege = LINECALLPRIVILEGE_OWNER;
        else if (open.privileges & LINECALLPRIVILEGE_MONITOR)
            privilege = LINECALLPRIVILEGE_MONITOR;
        if (privilege == 0)
            continue;
        HCALL hc = addHandle(call, open, privilege);
        sendToLine(open, h, LINE_APPNEWCALL, 0, hc, privilege);
        if (call.creator != 0) {
            // Monitors of another app's new outbound call first see it as UNKNOWN.
            sendToLine(open, hc, LINE_CALLSTATE, LINECALLSTATE_UNKNOWN, 0, privilege);
            callHandles.at(hc).stateSent = true;
        }
    }
}

std::function<bool(LONG &)> Server::Impl::newCallCompletion(std::uint32_t callId, HCALL handle,
                                                            LPHCALL out)
{
    return [this, callId, handle, out](LONG &result) {
        auto it = calls.find(callId);
        if (result == 0 && it != calls.end() && callHandles.count(handle)) {
            it->second.confirmed = true;
            *out = handle;
        } else if (it != calls.end()) {
            removeHandle(handle);
            releaseCallIfUnused(callId);
            if (result == 0) // the line closed meanwhile: the app has no call
                result = LINEERR_OPERATIONFAILED;
        }
        return true;
    };
}

LONG Server::Impl::callRequest(ClientId client, HCALL hCall, bool needOwner,
                               const std::function<LONG(DWORD, Call &)> &start)
{
    CallHandle *ch = callHandle(client, hCall);
    if (!ch)
        return LINEERR_INVALCALLHANDLE;
    if (needOwner && ch->privilege != LINECALLPRIVILEGE_OWNER)
        return LINEERR_NOTOWNER;
    Call &call = calls.at(ch->call);
    if (!call.confirmed || !call.hdCall)
        return LINEERR_INVALCALLSTATE;
    Request &r = addRequest(lines.at(ch->line).app, ch->line);
    DWORD id = r.id;
    LONG result = start(id, call);
    if (result < 0) {
        dropRequest(id);
        return result;
    }
    return static_cast<LONG>(id);
}

void Server::Impl::putInTransit(DWORD switchCallId, const std::vector<BYTE> &data)
{
    if (!callDataInTransit.count(switchCallId))
        transitOrder.push_back(switchCallId);
    callDataInTransit[switchCallId] = data;
    while (transitOrder.size() > kMaxCallDataInTransit) {
        callDataInTransit.erase(transitOrder.front());
        transitOrder.pop_front();
    }
}

// ---- Making calls -------------------------------------------------------------------------

LONG Server::lineMakeCall(ClientId client, HLINE hLine, LPHCALL lphCall,
                          const char *lpszDestAddress, DWORD dwCountryCode,
                          const LINECALLPARAMS *lpCallParams)
{
    Impl &s = *m_impl;
    LineOpen *open = s.line(client, hLine);
    if (!open)
        return LINEERR_INVALLINEHANDLE;
    if (!lphCall)
        return LINEERR_INVALPOINTER;
    Device &d = s.devices[open->device];
    Call &call = s.newCall(open->device);
    call.creator = hLine;
    HCALL hc = s.addHandle(call, *open, LINECALLPRIVILEGE_OWNER);
    std::uint32_t callId = call.id;
    Request &r = s.addRequest(open->app, hLine);
    DWORD id = r.id;
    r.onComplete = s.newCallCompletion(callId, hc, lphCall);
    LONG result = s.tspi(open->device)
                      .lineMakeCall(id, d.hdLine, toHt(callId), &call.hdCall, lpszDestAddress,
                                    dwCountryCode, const_cast<LPLINECALLPARAMS>(lpCallParams));
    if (result < 0) {
        s.dropRequest(id);
        s.removeHandle(hc);
        s.calls[callId].confirmed = false;
        s.releaseCallIfUnused(callId);
        return result;
    }
    return static_cast<LONG>(id);
}

LONG Server::lineDial(ClientId client, HCALL hCall, const char *lpszDestAddress,
                      DWORD dwCountryCode)
{
    if (!lpszDestAddress)
        return LINEERR_INVALPOINTER;
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        return s.tspi(call.device).lineDial(id, call.hdCall, lpszDestAddress, dwCountryCode);
    });
}

LONG Server::lineAnswer(ClientId client, HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        return s.tspi(call.device).lineAnswer(id, call.hdCall, lpsUserUserInfo, dwSize);
    });
}

LONG Server::lineDrop(ClientId client, HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        return s.tspi(call.device).lineDrop(id, call.hdCall, lpsUserUserInfo, dwSize);
    });
}

LONG Server::lineHold(ClientId client, HCALL hCall)
{
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        return s.tspi(call.device).lineHold(id, call.hdCall);
    });
}

LONG Server::lineUnhold(ClientId client, HCALL hCall)
{
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        return s.tspi(call.device).lineUnhold(id, call.hdCall);
    });
}

LONG Server::lineSwapHold(ClientId client, HCALL hActiveCall, HCALL hHeldCall)
{
    // The providers have no swap: hold the active call, then retrieve the held one, under
    // one request ID.
    Impl &s = *m_impl;
    CallHandle *held = s.callHandle(client, hHeldCall);
    if (!held)
        return LINEERR_INVALCALLHANDLE;
    if (held->privilege != LINECALLPRIVILEGE_OWNER)
        return LINEERR_NOTOWNER;
    if (hActiveCall == hHeldCall)
        return LINEERR_INVALCALLHANDLE;
    std::uint32_t heldCall = held->call;
    return s.callRequest(client, hActiveCall, true, [&s, heldCall](DWORD id, Call &call) {
        LONG r = s.tspi(call.device).lineHold(id, call.hdCall);
        if (r < 0)
            return r;
        s.requests.at(id).onComplete = [&s, heldCall, id](LONG &result) {
            auto it = s.calls.find(heldCall);
            if (result != 0 || it == s.calls.end())
                return true;
            // Resetting onComplete destroys this lambda: use copies of its captures.
            Server::Impl &server = s;
            DWORD requestId = id;
            server.requests.at(requestId).onComplete = nullptr;
            LONG second = server.tspi(it->second.device).lineUnhold(requestId, it->second.hdCall);
            if (second < 0) {
                result = second;
                return true;
            }
            return false; // the retrieve completes the request
        };
        return r;
    });
}

LONG Server::lineBlindTransfer(ClientId client, HCALL hCall, const char *lpszDestAddress,
                               DWORD dwCountryCode)
{
    if (!lpszDestAddress)
        return LINEERR_INVALPOINTER;
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        LONG r =
            s.tspi(call.device).lineBlindTransfer(id, call.hdCall, lpszDestAddress, dwCountryCode);
        if (r >= 0 && !call.callData.empty())
            s.putInTransit(call.callId, call.callData);
        return r;
    });
}

LONG Server::lineRedirect(ClientId client, HCALL hCall, const char *lpszDestAddress,
                          DWORD dwCountryCode)
{
    if (!lpszDestAddress)
        return LINEERR_INVALPOINTER;
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        // The call data follows the call (the ACD's queue data reaches the agent's station).
        if (!call.callData.empty())
            s.putInTransit(call.callId, call.callData);
        LONG r = s.tspi(call.device).lineRedirect(id, call.hdCall, lpszDestAddress, dwCountryCode);
        if (r < 0)
            s.callDataInTransit.erase(call.callId);
        return r;
    });
}

LONG Server::lineSetupTransfer(ClientId client, HCALL hCall, LPHCALL lphConsultCall,
                               const LINECALLPARAMS *lpCallParams)
{
    if (!lphConsultCall)
        return LINEERR_INVALPOINTER;
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        LineOpen &open = s.lines.at(s.callHandles.at(hCall).line);
        Call &consult = s.newCall(call.device);
        consult.creator = open.handle;
        HCALL hc = s.addHandle(consult, open, LINECALLPRIVILEGE_OWNER);
        std::uint32_t consultId = consult.id;
        LONG r = s.tspi(call.device)
                     .lineSetupTransfer(id, call.hdCall, toHt(consultId), &consult.hdCall,
                                        const_cast<LPLINECALLPARAMS>(lpCallParams));
        if (r < 0) {
            s.removeHandle(hc);
            s.releaseCallIfUnused(consultId);
            return r;
        }
        s.requests.at(id).onComplete = s.newCallCompletion(consultId, hc, lphConsultCall);
        return r;
    });
}

LONG Server::lineCompleteTransfer(ClientId client, HCALL hCall, HCALL hConsultCall,
                                  LPHCALL lphConfCall, DWORD dwTransferMode)
{
    Impl &s = *m_impl;
    if (dwTransferMode != LINETRANSFERMODE_TRANSFER
        && dwTransferMode != LINETRANSFERMODE_CONFERENCE)
        return LINEERR_INVALTRANSFERMODE;
    if (dwTransferMode == LINETRANSFERMODE_CONFERENCE && !lphConfCall)
        return LINEERR_INVALPOINTER;
    if (!s.callHandle(client, hCall))
        return LINEERR_INVALCALLHANDLE;
    CallHandle *consultHandle = s.callHandle(client, hConsultCall);
    if (!consultHandle || hConsultCall == hCall)
        return LINEERR_INVALCONSULTCALLHANDLE;
    Call &consult = s.calls.at(consultHandle->call);
    if (!consult.confirmed)
        return LINEERR_INVALCONSULTCALLHANDLE;
    HDRVCALL hdConsult = consult.hdCall;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        if (!call.callData.empty())
            s.putInTransit(call.callId, call.callData);
        if (dwTransferMode == LINETRANSFERMODE_TRANSFER)
            return s.tspi(call.device)
                .lineCompleteTransfer(id, call.hdCall, hdConsult, nullptr, nullptr, dwTransferMode);
        LineOpen &open = s.lines.at(s.callHandles.at(hCall).line);
        Call &conf = s.newCall(call.device);
        conf.creator = open.handle;
        HCALL hc = s.addHandle(conf, open, LINECALLPRIVILEGE_OWNER);
        std::uint32_t confId = conf.id;
        LONG r = s.tspi(call.device)
                     .lineCompleteTransfer(id, call.hdCall, hdConsult, toHt(confId), &conf.hdCall,
                                           dwTransferMode);
        if (r < 0) {
            s.removeHandle(hc);
            s.releaseCallIfUnused(confId);
            return r;
        }
        s.requests.at(id).onComplete = s.newCallCompletion(confId, hc, lphConfCall);
        return r;
    });
}

LONG Server::lineSetCallData(ClientId client, HCALL hCall, LPVOID lpCallData, DWORD dwSize)
{
    if (dwSize > 0 && !lpCallData)
        return LINEERR_INVALPOINTER;
    Impl &s = *m_impl;
    return s.callRequest(client, hCall, true, [&](DWORD id, Call &call) {
        const auto *bytes = static_cast<const BYTE *>(lpCallData);
        call.callData.assign(bytes, bytes + dwSize);
        for (auto &[line, handle] : call.handles)
            s.sendToLine(s.lines.at(line), handle, LINE_CALLINFO, LINECALLINFOSTATE_CALLDATA, 0, 0);
        s.later([id](Server::Impl &server) { server.complete(id, 0); });
        return static_cast<LONG>(id);
    });
}

// ---- Information --------------------------------------------------------------------------

LONG Server::lineGetCallInfo(ClientId client, HCALL hCall, LPLINECALLINFO lpCallInfo,
                             StringEncoding encoding)
{
    Impl &s = *m_impl;
    CallHandle *ch = s.callHandle(client, hCall);
    if (!ch)
        return LINEERR_INVALCALLHANDLE;
    if (!lpCallInfo)
        return LINEERR_INVALPOINTER;
    Call &call = s.calls.at(ch->call);
    std::vector<std::max_align_t> buffer;
    if (call.hdCall) {
        LONG r = s.queryProvider<LINECALLINFO>(buffer, [&](LINECALLINFO *info) {
            return s.tspi(call.device).lineGetCallInfo(call.hdCall, info);
        });
        if (r != 0)
            return r;
    } else {
        buffer.assign(sizeof(LINECALLINFO) / sizeof(std::max_align_t) + 1, std::max_align_t{});
    }
    const void *src = buffer.data();
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer.data());
    info->hLine = ch->line;
    info->dwLineDeviceID = call.device;
    info->dwAddressID = 0;
    info->dwNumOwners = 0;
    info->dwNumMonitors = 0;
    for (auto &[line, handle] : call.handles)
        (s.callHandles.at(handle).privilege == LINECALLPRIVILEGE_OWNER ? info->dwNumOwners
                                                                       : info->dwNumMonitors)++;
    std::string_view callData(reinterpret_cast<const char *>(call.callData.data()),
                              call.callData.size());
    return repack(lpCallInfo, src, offsetof(LINECALLINFO, dwCallerIDAddressType),
                  {ACD_FIELD(LINECALLINFO, CallerID, true),
                   ACD_FIELD(LINECALLINFO, CallerIDName, true),
                   ACD_FIELD(LINECALLINFO, CalledID, true),
                   ACD_FIELD(LINECALLINFO, CalledIDName, true),
                   ACD_FIELD(LINECALLINFO, ConnectedID, true),
                   ACD_FIELD(LINECALLINFO, ConnectedIDName, true),
                   ACD_FIELD(LINECALLINFO, RedirectionID, true),
                   ACD_FIELD(LINECALLINFO, RedirectionIDName, true),
                   ACD_FIELD(LINECALLINFO, RedirectingID, true),
                   ACD_FIELD(LINECALLINFO, RedirectingIDName, true),
                   ACD_FIELD(LINECALLINFO, AppName, true),
                   ACD_FIELD(LINECALLINFO, DisplayableAddress, true),
                   ACD_FIELD(LINECALLINFO, CalledParty, true),
                   ACD_FIELD(LINECALLINFO, Comment, true),
                   ACD_FIELD(LINECALLINFO, Display, false),
                   ACD_FIELD(LINECALLINFO, UserUserInfo, false),
                   ACD_FIELD(LINECALLINFO, HighLevelComp, false),
                   ACD_FIELD(LINECALLINFO, LowLevelComp, false),
                   ACD_FIELD(LINECALLINFO, ChargingInfo, false),
                   ACD_FIELD(LINECALLINFO, TerminalModes, false),
                   ACD_FIELD(LINECALLINFO, DevSpecific, false),
                   VarField{offsetof(LINECALLINFO, dwCallDataSize),
                            offsetof(LINECALLINFO, dwCallDataOffset), callData, false},
                   ACD_FIELD(LINECALLINFO, SendingFlowspec, false),
                   ACD_FIELD(LINECALLINFO, ReceivingFlowspec, false)},
                  encoding);
}

LONG Server::lineGetCallStatus(ClientId client, HCALL hCall, LPLINECALLSTATUS lpCallStatus)
{
    Impl &s = *m_impl;
    CallHandle *ch = s.callHandle(client, hCall);
    if (!ch)
        return LINEERR_INVALCALLHANDLE;
    if (!lpCallStatus)
        return LINEERR_INVALPOINTER;
    Call &call = s.calls.at(ch->call);
    std::vector<std::max_align_t> buffer;
    if (call.hdCall && call.state != LINECALLSTATE_IDLE) {
        LONG r = s.queryProvider<LINECALLSTATUS>(buffer, [&](LINECALLSTATUS *status) {
            return s.tspi(call.device).lineGetCallStatus(call.hdCall, status);
        });
        if (r != 0)
            return r;
    } else {
        buffer.assign(sizeof(LINECALLSTATUS) / sizeof(std::max_align_t) + 1, std::max_align_t{});
        reinterpret_cast<LINECALLSTATUS *>(buffer.data())->dwCallState =
            call.state ? call.state : LINECALLSTATE_IDLE;
    }
    const void *src = buffer.data();
    auto *status = reinterpret_cast<LINECALLSTATUS *>(buffer.data());
    status->dwCallPrivilege = ch->privilege;
    if (ch->privilege != LINECALLPRIVILEGE_OWNER)
        status->dwCallFeatures = 0; // a monitor cannot control the call
    return repack(lpCallStatus, src, sizeof(LINECALLSTATUS),
                  {ACD_FIELD(LINECALLSTATUS, DevSpecific, false)}, StringEncoding::Utf8);
}

LONG Server::lineGetNewCalls(ClientId client, HLINE hLine, DWORD dwAddressID, DWORD dwSelect,
                             LPLINECALLLIST lpCallList)
{
    Impl &s = *m_impl;
    LineOpen *open = s.line(client, hLine);
    if (!open)
        return LINEERR_INVALLINEHANDLE;
    if (dwSelect != LINECALLSELECT_LINE && dwSelect != LINECALLSELECT_ADDRESS)
        return LINEERR_INVALCALLSELECT;
    if (dwSelect == LINECALLSELECT_ADDRESS && dwAddressID >= s.devices[open->device].numAddresses)
        return LINEERR_INVALADDRESSID;
    if (!lpCallList)
        return LINEERR_INVALPOINTER;
    std::string handles;
    for (std::uint32_t id : s.devices[open->device].calls) {
        Call &call = s.calls.at(id);
        if (!call.confirmed || call.state == LINECALLSTATE_IDLE)
            continue;
        HCALL h;
        if (auto it = call.handles.find(hLine); it != call.handles.end())
            h = it->second;
        else
            h = s.addHandle(call, *open, LINECALLPRIVILEGE_MONITOR);
        s.callHandles.at(h).stateSent = true;
        handles.append(reinterpret_cast<const char *>(&h), sizeof h);
    }
    LINECALLLIST fixed{};
    fixed.dwCallsNumEntries = static_cast<DWORD>(handles.size() / sizeof(HCALL));
    LONG result = repack(lpCallList, &fixed, sizeof(LINECALLLIST),
                         {VarField{offsetof(LINECALLLIST, dwCallsSize),
                                   offsetof(LINECALLLIST, dwCallsOffset), handles, false}},
                         StringEncoding::Utf8);
    if (result == 0 && lpCallList->dwCallsSize != handles.size())
        lpCallList->dwCallsNumEntries = 0; // the handles did not fit: count none
    return result;
}

LONG Server::lineDeallocateCall(ClientId client, HCALL hCall)
{
    Impl &s = *m_impl;
    CallHandle *ch = s.callHandle(client, hCall);
    if (!ch)
        return LINEERR_INVALCALLHANDLE;
    Call &call = s.calls.at(ch->call);
    if (ch->privilege == LINECALLPRIVILEGE_OWNER && call.state != LINECALLSTATE_IDLE
        && call.confirmed) {
        int owners = 0;
        for (auto &[line, handle] : call.handles)
            owners += s.callHandles.at(handle).privilege == LINECALLPRIVILEGE_OWNER;
        if (owners == 1)
            return LINEERR_INVALCALLSTATE; // the only owner of a live call must drop it first
    }
    std::uint32_t id = ch->call;
    s.removeHandle(hCall);
    s.releaseCallIfUnused(id);
    return 0;
}

LONG Server::lineSetCallPrivilege(ClientId client, HCALL hCall, DWORD dwCallPrivilege)
{
    Impl &s = *m_impl;
    CallHandle *ch = s.callHandle(client, hCall);
    if (!ch)
        return LINEERR_INVALCALLHANDLE;
    if (dwCallPrivilege != LINECALLPRIVILEGE_MONITOR && dwCallPrivilege != LINECALLPRIVILEGE_OWNER)
        return LINEERR_INVALCALLPRIVILEGE;
    Call &call = s.calls.at(ch->call);
    if (ch->privilege == dwCallPrivilege)
        return 0;
    if (dwCallPrivilege == LINECALLPRIVILEGE_MONITOR && call.confirmed
        && call.state != LINECALLSTATE_IDLE) {
        int owners = 0;
        for (auto &[line, handle] : call.handles)
            owners += s.callHandles.at(handle).privilege == LINECALLPRIVILEGE_OWNER;
        if (owners == 1)
            return LINEERR_INVALCALLSTATE; // the sole owner of a live call cannot step down
    }
    ch->privilege = dwCallPrivilege;
    for (auto &[line, handle] : call.handles)
        s.sendToLine(s.lines.at(line), handle, LINE_CALLINFO,
                     dwCallPrivilege == LINECALLPRIVILEGE_OWNER
                         ? LINECALLINFOSTATE_NUMOWNERINCR | LINECALLINFOSTATE_NUMMONITORS
                         : LINECALLINFOSTATE_NUMOWNERDECR | LINECALLINFOSTATE_NUMMONITORS,
                     0, 0);
    return 0;
}

#undef ACD_FIELD

} // namespace acd::tapi
