// Bad input gets a typed error naming the problem; the engine keeps working afterwards.
#include "core_fixture.h"

namespace acd::core::test {
namespace {

class ErrorsTest : public CoreTest {};

TEST_F(ErrorsTest, UnknownAgentIsReportedWithItsId)
{
    const Status s = engine.setAgentState(77, AgentStateEx::Ready, AgentStateEx::None, 0, now);
    EXPECT_EQ(s.code(), ErrorCode::UnknownAgent);
    EXPECT_EQ(s.message(), "unknown agent 77");
}

TEST_F(ErrorsTest, UnknownQueueOnArrivalNamesTheCallAndQueue)
{
    const Status s = arrive(500, 999);
    EXPECT_EQ(s.code(), ErrorCode::UnknownQueue);
    EXPECT_EQ(s.message(), "call 500: unknown queue 999");
}

TEST_F(ErrorsTest, UnknownCallAndSessionAreTypedErrors)
{
    EXPECT_EQ(engine.callAnswered(42, now).code(), ErrorCode::UnknownCall);
    EXPECT_EQ(engine.endSession(42, now).code(), ErrorCode::UnknownSession);
    EXPECT_EQ(engine.createSession(1, kGroup, "x", now).status().code(), ErrorCode::UnknownAgent);
}

TEST_F(ErrorsTest, BusyStatesCannotBeRequested)
{
    staff(1);
    const Status s = engine.setAgentState(1, AgentStateEx::BusyAcd, AgentStateEx::None, 0, now);
    EXPECT_EQ(s.code(), ErrorCode::InvalidState);
    EXPECT_EQ(s.message(),
              "agent 1: state busy-acd cannot be requested; the engine sets busy states");
    const Status s2 = engine.setSessionState(engine.sessionsOf(1).at(0), SessionState::BusyWrapUp,
                                             SessionState::None, now);
    EXPECT_EQ(s2.code(), ErrorCode::InvalidState);
}

TEST_F(ErrorsTest, UnknownReasonCodeIsRejected)
{
    staff(1);
    const Status s = engine.setAgentState(1, AgentStateEx::NotReady, AgentStateEx::None, 42, now);
    EXPECT_EQ(s.code(), ErrorCode::UnknownReasonCode);
    EXPECT_EQ(s.message(), "agent 1: unknown reason code 42");
    EXPECT_EQ(agent(1).state, AgentStateEx::Ready);
}

TEST_F(ErrorsTest, AnsweringACallThatIsNotRingingIsAnInvalidState)
{
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    const Status s = engine.callAnswered(500, now);
    EXPECT_EQ(s.code(), ErrorCode::InvalidState);
    EXPECT_EQ(s.message(), "call 500 is queued, not ringing at an agent");
}

TEST_F(ErrorsTest, DuplicateCallIdIsRejectedAndTheFirstCallIsUntouched)
{
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(arrive(500).code(), ErrorCode::DuplicateId);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
}

TEST_F(ErrorsTest, PriorityOutsideOneToTenIsRejected)
{
    const Status s = arrive(500, kSalesQueue, 11);
    EXPECT_EQ(s.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(s.message(), "call 500: field priority must be 1-10, got 11");
}

TEST_F(ErrorsTest, QueueWithUnknownSkillNamesQueueAndField)
{
    QueueConfig q = queueConfig(300, "french", 99);
    const Status s = engine.addQueue(q);
    EXPECT_EQ(s.code(), ErrorCode::UnknownSkill);
    EXPECT_EQ(s.message(), "queue 300 'french': field skill: unknown skill 99");
}

TEST_F(ErrorsTest, RelaxationStepWithBadLevelNamesTheStep)
{
    QueueConfig q = queueConfig(300, "french", kSpanish);
    q.relaxation = {{10, RelaxAction::LowerMinLevel, 5}, {20, RelaxAction::LowerMinLevel, 17}};
    const Status s = engine.addQueue(q);
    EXPECT_EQ(s.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(s.message(), "queue 300 'french': relaxation step 2: field value (new minimum "
                           "level) must be 1-16, got 17");
}

TEST_F(ErrorsTest, AgentSkillLevelOutsideOneToSixteenIsRejected)
{
    const Status s = engine.addAgent({5, "x", "", {{kSales, 0}}});
    EXPECT_EQ(s.message(), "agent 5: skill 1: field level must be 1-16, got 0");
}

TEST_F(ErrorsTest, MoreThanSixtySkillsIsRejected)
{
    std::vector<AgentSkill> skills;
    for (SkillId i = 1; i <= 61; ++i)
        skills.push_back({i, 1});
    EXPECT_EQ(engine.addAgent({5, "x", "", skills}).message(),
              "agent 5: field skills: at most 60 skills, got 61");
}

TEST_F(ErrorsTest, ChangingAQueuesSkillWhileCallsWaitIsRefused)
{
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSpanish);
    EXPECT_EQ(engine.updateQueue(q).code(), ErrorCode::InvalidState);
}

TEST_F(ErrorsTest, TimeGoingBackwardsIsTreatedAsTheLatestTime)
{
    at(100);
    engine.advanceTo(kT0);
    EXPECT_EQ(engine.now(), kT0 + 100000);
}

TEST_F(ErrorsTest, SequenceNumbersIncreaseByOneAcrossAllEffects)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    clear(500);
    drain();
    ASSERT_FALSE(effects.empty());
    for (std::size_t i = 1; i < effects.size(); ++i)
        EXPECT_EQ(effects[i].seq, effects[i - 1].seq + 1);
    EXPECT_EQ(effects.back().seq, engine.lastSequence());
}

} // namespace
} // namespace acd::core::test
