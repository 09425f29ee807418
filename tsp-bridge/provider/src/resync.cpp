// Monitoring a line and resynchronising its calls from a SnapshotDevice, on lineOpen and
// after every reconnect: calls the switch still has keep their handles, calls it no longer
// has go IDLE (no ghosts), calls we did not know are announced with LINE_NEWCALL.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {
namespace {

DWORD snapshotToTapi(ConnState state) {
    switch (state) {
    case ConnState::Initiated:
        return LINECALLSTATE_DIALTONE;
    case ConnState::Alerting:
    case ConnState::Queued:
        return LINECALLSTATE_OFFERING;
    case ConnState::Connected:
        return LINECALLSTATE_CONNECTED;
    case ConnState::Hold:
        return LINECALLSTATE_ONHOLD;
    case ConnState::Fail:
        return LINECALLSTATE_BUSY;
    case ConnState::Null:
        break;
    }
    return 0;
}

/// Whether `current` already says what the snapshot's coarser state says.
bool compatible(DWORD current, DWORD snapshot) {
    if (current == snapshot)
        return true;
    if (snapshot == LINECALLSTATE_CONNECTED)
        return current == LINECALLSTATE_RINGBACK || current == LINECALLSTATE_PROCEEDING
               || current == LINECALLSTATE_DIALING || current == LINECALLSTATE_BUSY;
    if (snapshot == LINECALLSTATE_ONHOLD)
        return current == LINECALLSTATE_ONHOLDPENDTRANSFER
               || current == LINECALLSTATE_ONHOLDPENDCONF;
    return false;
}

DWORD modeFor(DWORD state) {
    switch (state) {
    case LINECALLSTATE_OFFERING:
        return LINEOFFERINGMODE_ACTIVE;
    case LINECALLSTATE_CONNECTED:
        return LINECONNECTEDMODE_ACTIVE;
    case LINECALLSTATE_DIALTONE:
        return LINEDIALTONEMODE_NORMAL;
    case LINECALLSTATE_BUSY:
        return LINEBUSYMODE_UNKNOWN;
    default:
        return 0;
    }
}

} // namespace

void ProviderCore::startMonitor(DWORD lineIndex, std::function<void()> whenDone) {
    std::string dn;
    {
        std::lock_guard lock(m_mutex);
        if (!m_lines[lineIndex].open) {
            if (whenDone)
                whenDone();
            return;
        }
        dn = m_lines[lineIndex].config.dn;
    }
    SwitchRequest monitor;
    monitor.kind = RequestKind::MonitorStart;
    monitor.device = dn;
    m_link->send(monitor, [this, lineIndex, dn, whenDone](const SwitchResult &started) {
        if (!started.ok()) {
            if (whenDone)
                whenDone();
            return;
        }
        bool stillOpen = false;
        {
            std::lock_guard lock(m_mutex);
            stillOpen = m_lines[lineIndex].open;
            m_lines[lineIndex].monitored = stillOpen;
        }
        if (!stillOpen) { // closed meanwhile: do not leave a monitor behind
            SwitchRequest stop;
            stop.kind = RequestKind::MonitorStop;
            stop.device = dn;
            m_link->send(stop, [](const SwitchResult &) {});
            if (whenDone)
                whenDone();
            return;
        }
        SwitchRequest snapshot;
        snapshot.kind = RequestKind::SnapshotDevice;
        snapshot.device = dn;
        m_link->send(snapshot, [this, lineIndex, whenDone](const SwitchResult &result) {
            {
                std::lock_guard lock(m_mutex);
                Line &line = m_lines[lineIndex];
                if (result.ok() && line.open && line.monitored) {
                    applySnapshot(line, result.snapshot);
                    if (!line.inService) {
                        line.inService = true;
                        lineDevState(line, LINEDEVSTATE_INSERVICE);
                    }
                }
            }
            flush();
            if (whenDone)
                whenDone();
        });
    });
}

void ProviderCore::applySnapshot(Line &line, const std::vector<SnapshotEntry> &snapshot) {
    std::set<std::string> present;
    for (const auto &entry : snapshot) {
        DWORD state = snapshotToTapi(entry.state);
        if (state == 0)
            continue;
        present.insert(entry.callId);
        auto it = line.callsById.find(entry.callId);
        if (it != line.callsById.end()) {
            Call *call = callById(it->second);
            if (call && !compatible(call->state, state))
                setState(*call, state, modeFor(state));
            continue;
        }
        Call &call = newCall(line, nullptr);
        bind(call, entry.callId);
        call.origin = LINECALLORIGIN_UNKNOWN;
        call.reason = LINECALLREASON_UNKNOWN;
        announce(call);
        setState(call, state, modeFor(state));
    }
    std::vector<uintptr_t> gone;
    for (const auto &[callId, id] : line.callsById) {
        if (!present.count(callId))
            gone.push_back(id);
    }
    for (uintptr_t id : gone) {
        Call *call = callById(id);
        if (!call || call->state == LINECALLSTATE_IDLE)
            continue;
        setState(*call, LINECALLSTATE_DISCONNECTED, LINEDISCONNECTMODE_UNKNOWN);
        toIdle(*call);
    }
}

} // namespace acd::tsp
