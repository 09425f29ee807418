// Provider events, turned into application messages on the engine thread.
#include "server_impl.h"

namespace acd::tapi {

void Server::Impl::onNewCall(DWORD device, std::uint32_t callId, HDRVCALL hdCall)
{
    if (device >= devices.size())
        return;
    Call &call = calls[callId];
    call.id = callId;
    call.device = device;
    call.hdCall = hdCall;
    call.confirmed = true;
    devices[device].calls.insert(callId);

    std::vector<std::max_align_t> buffer;
    if (queryProvider<LINECALLINFO>(
            buffer, [&](LINECALLINFO *info) { return tspi(device).lineGetCallInfo(hdCall, info); })
        == 0) {
        const auto *info = reinterpret_cast<const LINECALLINFO *>(buffer.data());
        call.callId = info->dwCallID;
        if (auto it = callDataInTransit.find(call.callId); it != callDataInTransit.end()) {
            call.callData = std::move(it->second);
            callDataInTransit.erase(it);
        } else if (newCallHook) {
            call.callData = newCallHook(device, *info);
        }
    }
    // Applications hear of it with its first state (LINE_APPNEWCALL then LINE_CALLSTATE).
}

void Server::Impl::onLineEvent(DWORD device, std::uint32_t callId, DWORD msg, DWORD_PTR p1,
                               DWORD_PTR p2, DWORD_PTR p3)
{
    (void)p3;
    if (device >= devices.size())
        return;
    Device &d = devices[device];
    if (callId == 0) {
        // Line events.
        for (HLINE h : std::set<HLINE>(d.opens)) {
            const LineOpen &open = lines.at(h);
            if (msg == LINE_LINEDEVSTATE) {
                if (open.lineStates & p1)
                    sendToLine(open, h, LINE_LINEDEVSTATE, p1, p2, 0);
            } else if (msg == LINE_DEVSPECIFIC) {
                sendToLine(open, h, LINE_DEVSPECIFIC, p1, p2, 0);
            }
        }
        return;
    }
    auto it = calls.find(callId);
    if (it == calls.end())
        return;
    Call &call = it->second;
    switch (msg) {
    case LINE_CALLSTATE: {
        auto state = static_cast<DWORD>(p1);
        call.state = state;
        call.mode = static_cast<DWORD>(p2);
        if (!call.announced)
            announce(call);
        for (auto [line, handle] : std::map<HLINE, HCALL>(call.handles)) {
            CallHandle &ch = callHandles.at(handle);
            DWORD_PTR mode = p2;
            if (state == LINECALLSTATE_CONFERENCED) {
                // dwParam2 names the conference call: this app's handle of it, if any.
                mode = 0;
                auto parent = calls.find(static_cast<std::uint32_t>(p2));
                if (parent != calls.end())
                    if (auto h = parent->second.handles.find(line);
                        h != parent->second.handles.end())
                        mode = h->second;
            }
            DWORD_PTR privilege = ch.stateSent ? 0 : ch.privilege;
            ch.stateSent = true;
            LineOpen &open = lines.at(line);
            sendToLine(open, handle, LINE_CALLSTATE, state, mode, privilege);
            // May deallocate older idle handles of this open (never this call's: it is the
            // newest), so the copy of the handle map above stays current.
            if (state == LINECALLSTATE_IDLE)
                noteIdleHandle(open, handle);
        }
        if (state == LINECALLSTATE_IDLE)
            releaseCallIfUnused(callId);
        break;
    }
    case LINE_CALLINFO:
        if (p1 & LINECALLINFOSTATE_CALLID) {
            std::vector<std::max_align_t> buffer;
            if (call.hdCall && queryProvider<LINECALLINFO>(buffer, [&](LINECALLINFO *info) {
                                   return tspi(device).lineGetCallInfo(call.hdCall, info);
                               }) == 0)
                call.callId = reinterpret_cast<const LINECALLINFO *>(buffer.data())->dwCallID;
        }
        for (auto [line, handle] : call.handles)
            sendToLine(lines.at(line), handle, LINE_CALLINFO, p1, 0, 0);
        break;
    default:
        break;
    }
}

} // namespace acd::tapi
