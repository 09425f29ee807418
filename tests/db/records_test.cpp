// Round trips of every record type: effects in, typed records out.
#include "db_fixture.h"

namespace acd::db::test {
namespace {

using RecordsTest = StoreTest;

TEST_F(RecordsTest, AnAnsweredCallBecomesOneCompleteCallRecord) {
    EffectLog log;
    log.info(1, "5550001", "8000")
        .add(kT0, CallQueued{1, 10, 3, false})
        .add(kT0 + 4000, CallOffered{1, 10, 1001, 5, 4000})
        .add(kT0 + 6000, CallAnswered{1, 10, 1001, 6000, 2000})
        .add(kT0 + 96000,
             CallCompleted{1, 10, 1001, Disposition::Answered, kT0, 6000, 2000, 80000, 10000})
        .add(kT0 + 106000, WrapUpEnded{1001, 1, 10, 10000});
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 1u);
    const CallRecord &c = calls[0];
    EXPECT_EQ(c.call, 1u);
    EXPECT_EQ(c.ani, "5550001");
    EXPECT_EQ(c.dnis, "8000");
    EXPECT_EQ(c.entryQueue, 10u);
    EXPECT_EQ(c.queue, 10u);
    EXPECT_EQ(c.agent, 1001u);
    EXPECT_EQ(c.arrivedAt, kT0);
    EXPECT_EQ(c.offeredAt, kT0 + 4000);
    EXPECT_EQ(c.answeredAt, kT0 + 6000);
    EXPECT_EQ(c.endedAt, kT0 + 96000);
    EXPECT_EQ(c.waitMs, 6000);
    EXPECT_EQ(c.ringMs, 2000);
    EXPECT_EQ(c.talkMs, 80000);
    EXPECT_EQ(c.holdMs, 10000);
    EXPECT_EQ(c.wrapMs, 10000);
    EXPECT_EQ(c.overflows, 0);
    EXPECT_EQ(c.disposition, Disposition::Answered);
}

TEST_F(RecordsTest, ALateAnswerRecordsTheOfferToTheAgentWhoAnsweredNotTheWithdrawnOne)
{
    // Offered to 1001, rang out after 2 s and was offered to 1002 at once; then 1001 picked up
    // after all (a late answer), which withdrew the offer to 1002.
    EffectLog log;
    log.add(kT0, CallQueued{5, 10, 1, false})
        .add(kT0 + 1000, CallOffered{5, 10, 1001, 1, 1000})
        .add(kT0 + 3000, CallRequeued{5, 10, 1001, RequeueReason::RingNoAnswer})
        .add(kT0 + 3000, CallOffered{5, 10, 1002, 1, 3000})
        .add(kT0 + 3000, CallRequeued{5, 10, 1002, RequeueReason::LateAnswer})
        .add(kT0 + 3000, CallAnswered{5, 10, 1001, 3000, 2000});
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].agent, 1001u);
    EXPECT_EQ(calls[0].offeredAt, kT0 + 1000);
    EXPECT_EQ(calls[0].answeredAt, kT0 + 3000);
    EXPECT_EQ(calls[0].ringMs, 2000);
}

TEST_F(RecordsTest, CallInfoHandedInAfterTheArrivalStillFillsAniAndDnis) {
    EffectLog log;
    log.add(kT0, CallQueued{2, 10, 1, false}).info(2, "5550002", "8001");
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].ani, "5550002");
    EXPECT_EQ(calls[0].dnis, "8001");
    EXPECT_FALSE(calls[0].disposition.has_value());
}

TEST_F(RecordsTest, AnOverflowedAndAbandonedCallKeepsBothQueuesAndTheOverflowCount) {
    EffectLog log;
    log.add(kT0, CallQueued{3, 10, 1, false})
        .add(kT0 + 30000, CallOverflowed{3, 10, 20, OverflowReason::MaxWait, 30000})
        .add(kT0 + 30000, CallQueued{3, 20, 1, true})
        .add(kT0 + 42000, CallCompleted{3, 20, 0, Disposition::Abandoned, kT0, 12000, 0, 0, 0});
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].entryQueue, 10u);
    EXPECT_EQ(calls[0].queue, 20u);
    EXPECT_EQ(calls[0].overflows, 1);
    EXPECT_EQ(calls[0].waitMs, 12000);
    EXPECT_EQ(calls[0].endedAt, kT0 + 42000);
    EXPECT_FALSE(calls[0].answeredAt.has_value());
    EXPECT_EQ(calls[0].disposition, Disposition::Abandoned);
}

TEST_F(RecordsTest, ACompletionWithoutItsOpeningRecordIsStillKept) {
    EffectLog log;
    log.add(kT0 + 9000,
            CallCompleted{4, 10, 0, Disposition::OverflowDisconnected, kT0 + 1000, 8000, 0, 0, 0});
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].arrivedAt, kT0 + 1000);
    EXPECT_EQ(calls[0].disposition, Disposition::OverflowDisconnected);
}

TEST_F(RecordsTest, ARepeatedCallIdStartsANewRecordOnceTheFirstIsClosed) {
    EffectLog log;
    log.add(kT0, CallQueued{5, 10, 1, false})
        .add(kT0 + 1000, CallCompleted{5, 10, 0, Disposition::Abandoned, kT0, 1000, 0, 0, 0})
        .add(kT0 + 5000, CallQueued{5, 10, 1, false})
        .add(kT0 + 7000,
             CallCompleted{5, 10, 0, Disposition::Abandoned, kT0 + 5000, 2000, 0, 0, 0});
    write(log);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].waitMs, 1000);
    EXPECT_EQ(calls[1].waitMs, 2000);
}

TEST_F(RecordsTest, AgentStateChangesRoundTripWithReasonAndForcedBy) {
    EffectLog log;
    log.add(kT0,
            AgentStateChanged{1001, AgentStateEx::Ready, AgentStateEx::NotReady, AgentStateEx::None,
                              AgentActivity::Available, AgentActivity::NotReady, 7, "sup:carol"});
    write(log);
    auto states = store->agentStates({kT0, kT0 + 1});
    ASSERT_TRUE(states);
    ASSERT_EQ(states.value().size(), 1u);
    const AgentStateRecord &r = states.value()[0];
    EXPECT_EQ(r.at, kT0);
    EXPECT_EQ(r.agent, 1001u);
    EXPECT_EQ(r.session, 0u); // no SessionStarted seen for the agent
    EXPECT_EQ(r.fromState, AgentStateEx::Ready);
    EXPECT_EQ(r.toState, AgentStateEx::NotReady);
    EXPECT_EQ(r.nextState, AgentStateEx::None);
    EXPECT_EQ(r.fromActivity, AgentActivity::Available);
    EXPECT_EQ(r.toActivity, AgentActivity::NotReady);
    EXPECT_EQ(r.reason, 7u);
    EXPECT_EQ(r.forcedBy, "sup:carol");
}

TEST_F(RecordsTest, AgentStateChangesNameTheAgentsSessionIncludingAtLogout) {
    auto change = [](AgentId agent, AgentStateEx from, AgentStateEx to) {
        AgentStateChanged e{};
        e.agent = agent;
        e.oldState = from;
        e.state = to;
        return e;
    };
    EffectLog log;
    log.add(kT0, SessionStarted{5, 1001, 1, "2001"})
        .add(kT0, change(1001, AgentStateEx::Released, AgentStateEx::NotReady))
        .add(kT0 + 1000, change(1002, AgentStateEx::Ready, AgentStateEx::NotReady))
        .add(kT0 + 2000,
             SessionStateChanged{5, 1001, 1, SessionState::Ended, SessionState::None, ""})
        .add(kT0 + 2000, change(1001, AgentStateEx::NotReady, AgentStateEx::Released))
        .add(kT0 + 3000, SessionStarted{6, 1001, 1, "2002"})
        .add(kT0 + 3000, change(1001, AgentStateEx::Released, AgentStateEx::NotReady));
    write(log);
    auto states = store->agentStates({kT0, kT0 + 4000});
    ASSERT_TRUE(states);
    std::vector<std::pair<AgentId, SessionId>> sessions;
    for (const auto &r : states.value())
        sessions.emplace_back(r.agent, r.session);
    EXPECT_EQ(sessions, (std::vector<std::pair<AgentId, SessionId>>{
                            {1001, 5}, {1002, 0}, {1001, 5}, {1001, 6}}));
}

TEST_F(RecordsTest, SessionEventsRoundTripAndStateChangesKeepTheStation) {
    EffectLog log;
    log.add(kT0, SessionStarted{5, 1001, 1, "2001"})
        .add(kT0 + 1000,
             SessionStateChanged{5, 1001, 1, SessionState::Ready, SessionState::None, ""})
        .add(kT0 + 2000,
             SessionStateChanged{5, 1001, 1, SessionState::Ended, SessionState::None, "sup:carol"});
    write(log);
    auto events = store->sessionEvents({kT0, kT0 + 3000});
    ASSERT_TRUE(events);
    ASSERT_EQ(events.value().size(), 3u);
    EXPECT_EQ(events.value()[0].event, "started");
    EXPECT_EQ(events.value()[0].state, SessionState::NotReady);
    EXPECT_EQ(events.value()[0].station, "2001");
    EXPECT_EQ(events.value()[1].event, "state");
    EXPECT_EQ(events.value()[1].state, SessionState::Ready);
    EXPECT_EQ(events.value()[1].station, "2001");
    EXPECT_EQ(events.value()[2].state, SessionState::Ended);
    EXPECT_EQ(events.value()[2].forcedBy, "sup:carol");
    EXPECT_EQ(events.value()[2].session, 5u);
    EXPECT_EQ(events.value()[2].group, 1u);
}

TEST_F(RecordsTest, AStateChangeAfterAReopenTakesTheStationFromTheStartedRow) {
    EffectLog before;
    before.add(kT0, SessionStarted{5, 1001, 1, "2001"})
        .add(kT0, SessionStarted{6, 1002, 1, "2002"});
    write(before);
    store.reset(); // an engine restart: the store knows nothing of the open sessions
    store = openStore(path);
    ASSERT_NE(store, nullptr);
    EffectLog after;
    after
        .add(kT0 + 1000,
             SessionStateChanged{6, 1002, 1, SessionState::Ready, SessionState::None, ""})
        .add(kT0 + 2000,
             SessionStateChanged{5, 1001, 1, SessionState::Ended, SessionState::None, ""})
        .add(kT0 + 3000,
             SessionStateChanged{7, 1003, 1, SessionState::Ready, SessionState::None, ""});
    write(after);
    auto events = store->sessionEvents({kT0 + 1000, kT0 + 4000});
    ASSERT_TRUE(events);
    ASSERT_EQ(events.value().size(), 3u);
    EXPECT_EQ(events.value()[0].station, "2002");
    EXPECT_EQ(events.value()[1].station, "2001");
    EXPECT_EQ(events.value()[2].station, ""); // no started row anywhere
}

TEST_F(RecordsTest, ASessionStartedAgainAtAnotherStationReportsTheNewStation) {
    EffectLog log;
    log.add(kT0, SessionStarted{5, 1001, 1, "2001"})
        .add(kT0 + 1000,
             SessionStateChanged{5, 1001, 1, SessionState::Ended, SessionState::None, ""})
        .add(kT0 + 2000, SessionStarted{5, 1001, 1, "2005"})
        .add(kT0 + 3000,
             SessionStateChanged{5, 1001, 1, SessionState::Ready, SessionState::None, ""});
    write(log);
    auto events = store->sessionEvents({kT0 + 3000, kT0 + 4000});
    ASSERT_TRUE(events);
    ASSERT_EQ(events.value().size(), 1u);
    EXPECT_EQ(events.value()[0].station, "2005");
}

TEST_F(RecordsTest, EveryCallEventIsLoggedAsAQueueEvent) {
    EffectLog log;
    log.add(kT0, CallQueued{1, 10, 3, false})
        .add(kT0 + 1000, CallOffered{1, 10, 1001, 5, 1000})
        .add(kT0 + 21000, CallRequeued{1, 10, 1001, RequeueReason::RingNoAnswer})
        .add(kT0 + 25000, CallRelaxed{1, 10, 0})
        .add(kT0 + 30000, CallOverflowed{1, 10, 20, OverflowReason::MaxWait, 30000})
        .add(kT0 + 30000, CallQueued{1, 20, 3, true})
        .add(kT0 + 31000, CallOffered{1, 20, 1002, 6, 1000})
        .add(kT0 + 33000, CallAnswered{1, 20, 1002, 3000, 2000})
        .add(kT0 + 40000,
             CallCompleted{1, 20, 1002, Disposition::Answered, kT0, 3000, 2000, 7000, 0});
    write(log);
    auto events = store->queueEvents({kT0, kT0 + 60000});
    ASSERT_TRUE(events);
    std::vector<std::string> summary;
    for (const auto &e : events.value())
        summary.push_back(std::to_string(e.at - kT0) + " " + std::to_string(e.queue) + " " + e.event
                          + " " + std::to_string(e.agent) + " " + std::to_string(e.otherQueue) + " "
                          + e.reason + " " + std::to_string(e.value));
    EXPECT_EQ(summary, (std::vector<std::string>{
                           "0 10 queued 0 0  3",
                           "1000 10 offered 1001 0  1000",
                           "21000 10 requeued 1001 0 ring-no-answer 0",
                           "25000 10 relaxed 0 0  0",
                           "30000 10 overflowed 0 20 max-wait 30000",
                           "30000 20 queued 0 0 flowed-in 3",
                           "31000 20 offered 1002 0  1000",
                           "33000 20 answered 1002 0  3000",
                           "40000 20 completed 1002 0 answered 3000",
                       }));
}

TEST_F(RecordsTest, IntervalRowsRoundTripAndAddUpToTheDailyRollUp) {
    auto report = std::make_shared<IntervalReport>();
    report->start = kT0;
    report->end = kT0 + kInterval;
    QueueCounters q;
    q.offered = 10;
    q.flowedIn = 1;
    q.flowedOut = 2;
    q.answered = 6;
    q.answeredInSl = 5;
    q.abandoned = 2;
    q.abandonedRinging = 1;
    q.abandonedShort = 1;
    q.abandonedInSl = 1;
    q.disconnected = 1;
    q.handled = 6;
    q.waitAnsweredMs = 60000;
    q.waitAbandonedMs = 9000;
    q.maxWaitMs = 25000;
    q.talkMs = 600000;
    q.holdMs = 30000;
    q.wrapMs = 60000;
    report->queues.push_back({10, q});
    AgentCounters a;
    a.offered = 4;
    a.answered = 3;
    a.ringNoAnswer = 1;
    a.handled = 3;
    a.incomingCalls = 1;
    a.outgoingCalls = 2;
    a.ringMs = 6000;
    a.maxRingMs = 3000;
    a.talkMs = 300000;
    a.holdMs = 1000;
    a.wrapMs = 30000;
    a.availableMs = 100000;
    a.notReadyMs = 200000;
    a.ringingMs = 6000;
    a.onCallMs = 301000;
    a.wrapUpMs = 30000;
    a.otherCallMs = 5000;
    report->agents.push_back({1001, a});
    auto second = std::make_shared<IntervalReport>(*report);
    second->start = kT0 + kInterval;
    second->end = kT0 + 2 * kInterval;
    second->queues[0].counters.maxWaitMs = 40000;
    EffectLog log;
    log.add(kT0 + kInterval, IntervalClosed{report});
    log.add(kT0 + 2 * kInterval, IntervalClosed{second});
    log.add(kT0 + 2 * kInterval, IntervalClosed{second}); // written twice: counted once
    write(log);

    auto queues = store->queueIntervals({kT0, kT0 + kDay});
    ASSERT_TRUE(queues);
    ASSERT_EQ(queues.value().size(), 2u);
    const QueueCounters &back = queues.value()[0].counters;
    EXPECT_EQ(queues.value()[0].queue, 10u);
    EXPECT_EQ(queues.value()[0].start, kT0);
    EXPECT_EQ(queues.value()[0].end, kT0 + kInterval);
    EXPECT_EQ(std::tie(back.offered, back.flowedIn, back.flowedOut, back.answered,
                       back.answeredInSl, back.abandoned, back.abandonedRinging,
                       back.abandonedShort, back.abandonedInSl, back.disconnected, back.handled),
              std::tie(q.offered, q.flowedIn, q.flowedOut, q.answered, q.answeredInSl, q.abandoned,
                       q.abandonedRinging, q.abandonedShort, q.abandonedInSl, q.disconnected,
                       q.handled));
    EXPECT_EQ(
        std::tie(back.waitAnsweredMs, back.waitAbandonedMs, back.maxWaitMs, back.talkMs,
                 back.holdMs, back.wrapMs),
        std::tie(q.waitAnsweredMs, q.waitAbandonedMs, q.maxWaitMs, q.talkMs, q.holdMs, q.wrapMs));

    auto agents = store->agentIntervals({kT0, kT0 + kDay});
    ASSERT_TRUE(agents);
    ASSERT_EQ(agents.value().size(), 2u);
    const AgentCounters &ab = agents.value()[0].counters;
    EXPECT_EQ(std::tie(ab.offered, ab.answered, ab.ringNoAnswer, ab.handled, ab.incomingCalls,
                       ab.outgoingCalls, ab.ringMs, ab.maxRingMs, ab.talkMs, ab.holdMs, ab.wrapMs),
              std::tie(a.offered, a.answered, a.ringNoAnswer, a.handled, a.incomingCalls,
                       a.outgoingCalls, a.ringMs, a.maxRingMs, a.talkMs, a.holdMs, a.wrapMs));
    EXPECT_EQ(
        std::tie(ab.availableMs, ab.notReadyMs, ab.ringingMs, ab.onCallMs, ab.wrapUpMs,
                 ab.otherCallMs),
        std::tie(a.availableMs, a.notReadyMs, a.ringingMs, a.onCallMs, a.wrapUpMs, a.otherCallMs));

    const TimeMs day = kT0 - kT0 % kDay;
    auto daily = store->queueDaily({day, day + kDay});
    ASSERT_TRUE(daily);
    ASSERT_EQ(daily.value().size(), 1u);
    EXPECT_EQ(daily.value()[0].start, day);
    EXPECT_EQ(daily.value()[0].counters.offered, 20u);
    EXPECT_EQ(daily.value()[0].counters.waitAnsweredMs, 120000);
    EXPECT_EQ(daily.value()[0].counters.maxWaitMs, 40000);
    auto agentDaily = store->agentDaily({day, day + kDay});
    ASSERT_TRUE(agentDaily);
    ASSERT_EQ(agentDaily.value().size(), 1u);
    EXPECT_EQ(agentDaily.value()[0].counters.answered, 6u);
    EXPECT_EQ(agentDaily.value()[0].counters.notReadyMs, 400000);
    EXPECT_EQ(agentDaily.value()[0].counters.maxRingMs, 3000);
}

TEST_F(RecordsTest, RecoveryClosesOpenCallsAsInterruptedAtTheLastWriteTime) {
    ASSERT_TRUE(store->recover(kT0));
    EffectLog log;
    log.add(kT0 + 1000, CallQueued{1, 10, 1, false})
        .add(kT0 + 2000, CallQueued{2, 10, 1, false})
        .add(kT0 + 3000,
             CallCompleted{2, 10, 0, Disposition::Abandoned, kT0 + 2000, 1000, 0, 0, 0});
    write(log);
    store.reset(); // a crash: no markCleanShutdown
    store = openStore(path);
    ASSERT_NE(store, nullptr);
    auto report = store->recover(kT0 + 60000);
    ASSERT_TRUE(report) << report.status().message();
    EXPECT_FALSE(report.value().previousRunClean);
    EXPECT_EQ(report.value().interruptedCalls, 1);
    EXPECT_EQ(report.value().closedAt, kT0 + 3000);
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].disposition, Disposition::Interrupted);
    EXPECT_EQ(calls[0].endedAt, kT0 + 3000);
    EXPECT_EQ(calls[1].disposition, Disposition::Abandoned);
}

TEST_F(RecordsTest, ACleanShutdownIsRecognisedOnTheNextStart) {
    ASSERT_TRUE(store->recover(kT0));
    ASSERT_TRUE(store->markCleanShutdown(kT0 + 1000));
    store = openStore(path);
    auto report = store->recover(kT0 + 2000);
    ASSERT_TRUE(report);
    EXPECT_TRUE(report.value().previousRunClean);
    EXPECT_EQ(report.value().interruptedCalls, 0);
}

TEST_F(RecordsTest, ABackupIsAConsistentCopyThatOpensOnItsOwn) {
    EffectLog log;
    log.add(kT0, CallQueued{1, 10, 1, false});
    write(log);
    const std::string copy = dir.file("backup.db");
    Status s = store->backupTo(copy);
    ASSERT_TRUE(s) << s.message();
    auto restored = openStore(copy);
    ASSERT_NE(restored, nullptr);
    auto calls = restored->calls({0, kT0 + 1});
    ASSERT_TRUE(calls);
    EXPECT_EQ(calls.value().size(), 1u);
}

TEST_F(RecordsTest, ABackupIntoAMissingDirectoryFailsNamingTheDatabase) {
    Status s = store->backupTo(dir.file("missing-dir/x.db"));
    EXPECT_FALSE(s);
    EXPECT_NE(s.message().find("database '" + path + "'"), std::string::npos) << s.message();
}

} // namespace
} // namespace acd::db::test
