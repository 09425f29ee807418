// pbx-sim's monitors over the wire: an event reaches each monitor of its device once, under
// that monitor's cross reference, and a stopped monitor gets nothing more (pbx-sim finds a
// device's monitors through an index since a walk of every monitor per event cost it most of
// a core at 5,000 stations).
#include "backends.h"
#include "raw_csta_client.h"

#include <gtest/gtest.h>

#include <set>

namespace acd::tsp::test {
namespace {

SwitchRequest monitorStart(const std::string &device) {
    SwitchRequest r;
    r.kind = RequestKind::MonitorStart;
    r.device = device;
    return r;
}

SwitchRequest monitorStop(const std::string &crossRef) {
    SwitchRequest r;
    r.kind = RequestKind::MonitorStop;
    r.crossRefId = crossRef;
    return r;
}

SwitchRequest makeCall(const std::string &from, const std::string &to) {
    SwitchRequest r;
    r.kind = RequestKind::MakeCall;
    r.device = from;
    r.destination = to;
    return r;
}

/// The cross references the client's events came under (each names its monitor; the
/// monitored device itself is not on the wire).
std::set<std::string> crossRefs(const RawCstaClient &client) {
    std::set<std::string> refs;
    for (const SwitchEvent &e : client.events())
        refs.insert(e.crossRefId);
    return refs;
}

TEST(PbxSimMonitors, TwoMonitorsOfOneDeviceEachGetItsEvents) {
    PbxSimProcess pbx(0, "--heartbeat-ms 0");
    ASSERT_TRUE(pbx.running());
    RawCstaClient client(pbx.port());
    const SwitchResult first = client.request(monitorStart("101"));
    const SwitchResult second = client.request(monitorStart("101"));
    ASSERT_TRUE(first.ok() && second.ok());
    ASSERT_TRUE(client.request(makeCall("100", "101")).ok());
    client.waitForEvents(2);
    // Both monitors of 101, nothing else (100, the caller, is not monitored).
    EXPECT_EQ(crossRefs(client), (std::set<std::string>{first.crossRefId, second.crossRefId}));
}

TEST(PbxSimMonitors, AStoppedMonitorGetsNoMoreEventsAndTheOtherStillDoes) {
    PbxSimProcess pbx(0, "--heartbeat-ms 0");
    ASSERT_TRUE(pbx.running());
    RawCstaClient client(pbx.port());
    const SwitchResult stopped = client.request(monitorStart("101"));
    const SwitchResult kept = client.request(monitorStart("101"));
    ASSERT_TRUE(client.request(monitorStop(stopped.crossRefId)).ok());
    EXPECT_EQ(client.request(monitorStop(stopped.crossRefId)).error,
              CstaError::InvalidMonitorCrossRefId); // already stopped
    ASSERT_TRUE(client.request(makeCall("100", "101")).ok());
    client.waitForEvents(1);
    EXPECT_EQ(crossRefs(client), (std::set<std::string>{kept.crossRefId}));
}

} // namespace
} // namespace acd::tsp::test
