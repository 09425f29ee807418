#pragma once

// The switch model: a deterministic, single-threaded simulation of a PBX with stations
// (extensions), trunks, route points (queue entry numbers) and external numbers, calls and
// connections in CSTA states. It executes SwitchRequests and reports SwitchEvents, one per
// device in the call, each carrying that device's local connection state. Time is virtual
// (milliseconds, advanced by the owner), so tests need no sleeps; randomness comes from a
// seeded generator owned by the traffic generator.
//
// Not thread-safe: the owner serialises every call.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "acd/tsp/switch_types.h"

namespace acd::tsp {

enum class DeviceType { Station, RoutePoint, Trunk, External };

struct SwitchConfig {
    std::string firstStation = "100";
    std::string lastStation = "199";
    std::string firstRoutePoint = "9000";
    std::string lastRoutePoint = "9009";
    int trunks = 30;
    /// An external destination answers after this many ms (negative: never).
    int64_t externalAnswerMs = 3000;
};

/// Parses "FIRST-LAST" into two numbers of the same width; false on anything else.
bool parseRange(const std::string &text, std::string &first, std::string &last);

class SwitchModel {
public:
    using EventSink = std::function<void(const SwitchEvent &)>;
    using Timer = std::function<void()>;

    explicit SwitchModel(SwitchConfig config = {});

    /// Receives every event once per device involved (monitoredDevice set). Several sinks
    /// may listen (a link, simulated agents, ...); they are called in registration order.
    void addEventSink(EventSink sink);

    SwitchResult execute(const SwitchRequest &request);

    // ---- virtual time -------------------------------------------------------------------
    int64_t now() const { return m_now; }
    /// Runs every timer due up to `time` in order, then sets now() to `time`.
    void advanceTo(int64_t time);
    void advanceBy(int64_t ms) { advanceTo(m_now + ms); }
    void schedule(int64_t delayMs, Timer timer);
    /// Time of the next timer, or -1.
    int64_t nextTimerAt() const;

    // ---- inspection ---------------------------------------------------------------------
    bool isDevice(const std::string &device) const;
    DeviceType deviceType(const std::string &device) const;
    std::vector<std::string> stations() const;
    std::vector<std::string> routePoints() const;
    int freeTrunks() const { return m_freeTrunks; }
    size_t callCount() const { return m_calls.size(); }
    /// State of `device`'s connection to `callId` (Null when none).
    ConnState connectionState(const std::string &callId, const std::string &device) const;
    /// Calls in which `device` has a connection, oldest first.
    std::vector<SnapshotEntry> snapshot(const std::string &device) const;
    /// The devices of a call, in joining order (empty when the call does not exist).
    std::vector<std::string> parties(const std::string &callId) const;

private:
    struct Connection {
        std::string device;
        ConnState state = ConnState::Null;
    };
    struct Call {
        std::string id;
        std::vector<Connection> connections;
        std::string callingDevice;
        std::string calledDevice;
        int trunks = 0; ///< trunks seized by external parties of this call
        uint64_t order = 0;
    };

    /// Moves the requesting connection from `from` to `to` and reports `kind`; any other
    /// state is `wrongState` (answer, hold, retrieve).
    SwitchResult changeState(const SwitchRequest &r, ConnState from, ConnState to,
                             CstaError wrongState, EventKind kind, const std::string &cause);
    SwitchResult makeCall(const SwitchRequest &r);
    SwitchResult answerCall(const SwitchRequest &r);
    SwitchResult clearConnection(const SwitchRequest &r);
    SwitchResult holdCall(const SwitchRequest &r);
    SwitchResult retrieveCall(const SwitchRequest &r);
    SwitchResult consultationCall(const SwitchRequest &r);
    SwitchResult transferOrConference(const SwitchRequest &r, bool conference);
    SwitchResult singleStepTransfer(const SwitchRequest &r);
    SwitchResult deflectCall(const SwitchRequest &r);
    SwitchResult setAgentState(const SwitchRequest &r);
    SwitchResult getAgentState(const SwitchRequest &r);

    Call *findCall(const std::string &callId);
    Connection *findConnection(Call &call, const std::string &device);
    /// Checks `conn` names an existing call and a connection of its device.
    CstaError locate(const ConnectionId &conn, Call *&call, Connection *&connection);
    Call &newCall(const std::string &calling, const std::string &called);
    CstaError checkDestination(const std::string &destination) const;
    /// Checks a request that moves `r.conn` towards `r.destination` (consultation,
    /// single-step transfer, deflect): the connection exists in `required` state and the
    /// destination is dialable and not in the call yet.
    CstaError checkMove(const SwitchRequest &r, ConnState required, CstaError wrongState,
                        Call *&call);
    /// Adds an alerting connection for `destination` (seizing a trunk for externals) and
    /// reports Delivered; reports Failed when no trunk is free.
    void deliver(Call &call, const std::string &destination, const std::string &cause);
    /// `device` by value: callers pass a name held by the connection this erases.
    void removeConnection(Call &call, std::string device, const std::string &cause);
    void endCallIfAlone(Call &call);
    void destroyCall(const std::string &callId);
    /// Sends `event` to every device of `call` plus `extra` (devices that just left),
    /// each with its own local state.
    void emit(const Call &call, SwitchEvent event, const std::vector<std::string> &extra = {});
    void emitTo(const std::string &device, SwitchEvent event, ConnState local);
    std::string nextCallId();

    SwitchConfig m_config;
    std::map<std::string, DeviceType> m_devices;
    std::map<std::string, AgentState> m_agentStates;
    std::map<std::string, Call> m_calls;
    std::vector<EventSink> m_sinks;
    int m_freeTrunks = 0;
    uint64_t m_callCounter = 0;
    uint64_t m_orderCounter = 0;

    int64_t m_now = 0;
    uint64_t m_timerSeq = 0;
    std::multimap<std::pair<int64_t, uint64_t>, Timer> m_timers;
};

} // namespace acd::tsp
