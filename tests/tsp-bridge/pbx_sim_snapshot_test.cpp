// pbx-sim's SnapshotDevice over the wire: a device with more calls than one message carries
// (10 entries) is answered with a serviceCrossRefID and the entries follow in numbered
// SnapshotDeviceData segments, oldest call first, the last one flagged. Before, a route point
// holding a few hundred callers produced a response over the CSTA frame's 64 KB, which
// pbx-sim dropped: the requester never got an answer.
#include "backends.h"
#include "raw_csta_client.h"

#include <gtest/gtest.h>

namespace acd::tsp::test {
namespace {

const std::string kRoutePoint = "9001";

/// `count` outside callers dialling the route point, which holds them queued; their call IDs.
std::vector<std::string> queueCallers(RawCstaClient &client, int count)
{
    std::vector<std::string> calls;
    for (int i = 0; i < count; ++i) {
        SwitchRequest r;
        r.kind = RequestKind::MakeCall;
        r.device = "+4930100" + std::to_string(1000 + i);
        r.destination = kRoutePoint;
        const SwitchResult made = client.request(r);
        EXPECT_TRUE(made.ok()) << i;
        calls.push_back(made.conn.callId);
    }
    return calls;
}

SwitchResult snapshotOf(RawCstaClient &client, const std::string &device)
{
    SwitchRequest r;
    r.kind = RequestKind::SnapshotDevice;
    r.device = device;
    return client.request(r);
}

std::vector<std::string> callIds(const std::vector<SnapshotEntry> &entries)
{
    std::vector<std::string> ids;
    for (const auto &e : entries)
        ids.push_back(e.callId);
    return ids;
}

TEST(PbxSimSnapshot, TenCallsStillComeInTheResponseItself)
{
    PbxSimProcess pbx(0, "--heartbeat-ms 0");
    ASSERT_TRUE(pbx.running());
    RawCstaClient client(pbx.port());
    const std::vector<std::string> calls = queueCallers(client, 10);
    const SwitchResult snapshot = snapshotOf(client, kRoutePoint);
    ASSERT_TRUE(snapshot.ok());
    EXPECT_EQ(snapshot.serviceCrossRefId, "");
    EXPECT_EQ(callIds(snapshot.snapshot), calls);
}

TEST(PbxSimSnapshot, TwentyFiveCallsComeInThreeSegmentsOldestFirstTheLastFlagged)
{
    PbxSimProcess pbx(0, "--heartbeat-ms 0");
    ASSERT_TRUE(pbx.running());
    RawCstaClient client(pbx.port());
    const std::vector<std::string> calls = queueCallers(client, 25);
    const SwitchResult snapshot = snapshotOf(client, kRoutePoint);
    ASSERT_TRUE(snapshot.ok());
    ASSERT_NE(snapshot.serviceCrossRefId, "");
    EXPECT_TRUE(snapshot.snapshot.empty());
    client.waitForLastSnapshotSegment();
    const auto &segments = client.snapshotSegments();
    ASSERT_EQ(segments.size(), 3u);
    std::vector<SnapshotEntry> all;
    for (size_t i = 0; i < segments.size(); ++i) {
        EXPECT_EQ(segments[i].serviceCrossRefId, snapshot.serviceCrossRefId);
        EXPECT_EQ(segments[i].segmentId, static_cast<int>(i + 1));
        EXPECT_EQ(segments[i].lastSegment, i == 2);
        EXPECT_EQ(segments[i].entries.size(), i < 2 ? 10u : 5u);
        all.insert(all.end(), segments[i].entries.begin(), segments[i].entries.end());
    }
    EXPECT_EQ(callIds(all), calls);
    for (const auto &e : all)
        EXPECT_EQ(e.state, ConnState::Alerting) << e.callId; // delivered to the route point
}

TEST(PbxSimSnapshot, EachSegmentedSnapshotHasItsOwnServiceCrossRefId)
{
    PbxSimProcess pbx(0, "--heartbeat-ms 0");
    ASSERT_TRUE(pbx.running());
    RawCstaClient client(pbx.port());
    queueCallers(client, 11);
    const SwitchResult first = snapshotOf(client, kRoutePoint);
    const SwitchResult second = snapshotOf(client, kRoutePoint);
    ASSERT_NE(first.serviceCrossRefId, "");
    ASSERT_NE(second.serviceCrossRefId, "");
    EXPECT_NE(first.serviceCrossRefId, second.serviceCrossRefId);
}

} // namespace
} // namespace acd::tsp::test
