// Station-scoped clients (agent users' desktops): the ACD status of their own station as it
// happens, every queue's status coalesced, nothing of other stations' agents; other clients
// keep getting everything.
#include "proxy_fixture.h"

#include <algorithm>

namespace acd::tapi::acdtest {
namespace {

constexpr ClientId kWallboardClient = 2;
constexpr DWORD kQueue = LINE_QUEUESTATUS;

class StationScope : public ProxyFixture {
protected:
    StationScope() { deskStationScoped = true; }
    void SetUp() override
    {
        ProxyFixture::SetUp();
        otherDesk = initApp("another agent's desk"); // the same scoped client, station 102
        ASSERT_NE(open(otherDesk, "102"), 0u);
        wallboard = initApp("wallboard", kWallboardClient); // not scoped, station 101
        ASSERT_NE(open(wallboard, "101"), 0u);
        settle();
        otherDesk.sink->clear();
        wallboard.sink->clear();
    }

    void queueCall(core::CallId id)
    {
        core::CallArrival call;
        call.id = id;
        call.queue = 10;
        ASSERT_TRUE(engine->callArrived(call, nowMs).isOk());
        settle();
    }

    static std::vector<Msg> queueMessages(const RecordingSink &sink)
    {
        std::vector<Msg> got = statusMessages(sink);
        got.erase(std::remove_if(got.begin(), got.end(), [](const Msg &m) { return m.id != kQueue; }),
                  got.end());
        return got;
    }

    App otherDesk;
    App wallboard;
};

TEST_F(StationScope, TheDeskGetsItsOwnAgentsAndSessionsStatusAsItHappens)
{
    HAGENT agent = createAgent();
    ASSERT_EQ(createSession(agent, group(0)), 0x2000u);
    EXPECT_EQ(statusMessages(*desk.sink), firstLoginAtTheStation());
}

TEST_F(StationScope, ADeskOnAnotherStationGetsNothingOfThatAgent)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    ASSERT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_READY, 0)),
        0);
    EXPECT_TRUE(statusMessages(*otherDesk.sink).empty());
}

TEST_F(StationScope, AnUnscopedWallboardStillGetsEveryAgentsStatus)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    EXPECT_EQ(statusMessages(*wallboard.sink), firstLoginElsewhere());
}

TEST_F(StationScope, TheFirstQueueChangeReachesScopedDesksAtOnce)
{
    queueCall(5);
    const std::vector<Msg> once = {{kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0}};
    EXPECT_EQ(queueMessages(*desk.sink), once);
    EXPECT_EQ(queueMessages(*otherDesk.sink), once);
    // The wallboard had each change (the call queued, the queue's figures changed).
    EXPECT_EQ(queueMessages(*wallboard.sink).size(), 2u);
}

TEST_F(StationScope, LaterChangesWithinTheIntervalArriveOnceAtItsEnd)
{
    queueCall(5);
    desk.sink->clear();
    queueCall(6);
    queueCall(7);
    advance(AcdProxy::kStationQueueStatusMs - 1);
    EXPECT_TRUE(queueMessages(*desk.sink).empty()); // coalesced, not yet due
    advance(1);
    const std::vector<Msg> once = {{kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0}};
    EXPECT_EQ(queueMessages(*desk.sink), once);
    desk.sink->clear();
    advance(10 * AcdProxy::kStationQueueStatusMs);
    EXPECT_TRUE(queueMessages(*desk.sink).empty()); // nothing changed since
}

TEST_F(StationScope, AQueueChangeAfterAQuietIntervalIsSentAtOnce)
{
    queueCall(5);
    advance(AcdProxy::kStationQueueStatusMs + 1);
    desk.sink->clear();
    queueCall(6);
    const std::vector<Msg> once = {{kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0}};
    EXPECT_EQ(queueMessages(*desk.sink), once);
}

TEST_F(StationScope, ARoundGoesOutInTurnsSpreadOverThreeQuartersOfTheInterval)
{
    proxy->setStationQueueStatusBatch(1); // two desks, one queue: two turns
    queueCall(5);
    const std::vector<Msg> once = {{kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0}};
    EXPECT_EQ(queueMessages(*desk.sink), once); // the first turn: the desk
    EXPECT_TRUE(queueMessages(*otherDesk.sink).empty());
    const core::TimeMs gap = AcdProxy::kStationQueueStatusMs * 3 / 4 / 2;
    advance(gap - 1);
    EXPECT_TRUE(queueMessages(*otherDesk.sink).empty());
    advance(1);
    EXPECT_EQ(queueMessages(*otherDesk.sink), once);
    EXPECT_EQ(queueMessages(*desk.sink), once); // nothing twice
}

} // namespace
} // namespace acd::tapi::acdtest
