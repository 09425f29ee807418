// A short acd-load run: the real engine, pbx-sim and the tool's clients on loopback. It checks
// that the tool connects everyone, measures every offer and counts the supervisors' stream.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace acd::load::test {
namespace {

struct LoadRun {
    int exitCode = -1;
    std::string output;

    /// The --json report.
    Poco::JSON::Object::Ptr report() const
    {
        Poco::JSON::Parser parser;
        return parser.parse(output).extract<Poco::JSON::Object::Ptr>();
    }
};

LoadRun runAcdLoad(const std::string &arguments)
{
    LoadRun run;
    const std::string command = std::string(ACD_LOAD_BIN) + " " + arguments + " 2>/dev/null";
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return run;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        run.output.append(buffer, n);
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

TEST(AcdLoad, ASmallRunConnectsEveryoneMeasuresEveryOfferAndLosesNoEvent)
{
    // Callers who never hang up (the default mean patience, 600 s, lets about one in 10,000
    // go in the ~55 ms before the answer).
    const LoadRun run = runAcdLoad("--agents 20 --supervisors 3 --rate 10 --duration 3 --warmup 1 "
                                   "--talk-s 1 --patience-s 1000000000 --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    auto result = run.report();
    EXPECT_EQ(result->getValue<int>("connected"), 23);
    EXPECT_EQ(result->getValue<int>("ready"), 20);
    EXPECT_EQ(result->getValue<int>("failures"), 0);
    EXPECT_EQ(result->getValue<int>("gaps"), 0);
    EXPECT_EQ(result->getValue<int>("overflowNotices"), 0);
    EXPECT_EQ(result->getValue<int>("engineExit"), 0);
    EXPECT_EQ(result->getValue<int>("abandoned"), 0);
    const auto offered = result->getValue<int>("offered");
    EXPECT_GT(offered, 10); // about 30 calls in 3 s
    // The supervisors follow the figures too, as the supervisor console does: every call
    // changes its queue's, at most every 100 ms.
    EXPECT_GT(result->getValue<int>("statsEvents"), 10);
    auto latency = result->getObject("offerLatencyMs");
    // Every station OFFERING is paired with the call's arrival at the switch, give or take
    // the calls in flight at the agents at the ends of the measured window: a supervisor
    // stream left behind by a busy machine is read on until it has brought every arrival.
    EXPECT_NEAR(latency->getValue<int>("samples"), offered, 3);
    EXPECT_LT(result->getValue<double>("supervisorCatchUpMs"), 10000.0);
    EXPECT_GT(latency->getValue<double>("p50"), 0.0);
    EXPECT_GE(latency->getValue<double>("max"), latency->getValue<double>("p99"));
    EXPECT_GT(result->getValue<int>("supervisorEvents"), offered);
    // The host's interference is reported with the run: a share of the machine's time.
    ASSERT_TRUE(result->has("hostSteal"));
    EXPECT_GE(result->getValue<double>("hostSteal"), 0.0);
    EXPECT_LT(result->getValue<double>("hostSteal"), 1.0);
    // ... and second by second: the 3 measured seconds, and the offers of the quiet ones.
    EXPECT_GE(result->getValue<int>("measuredSeconds"), 3);
    EXPECT_LE(result->getValue<int>("measuredSeconds"), 4); // the last one partly
    EXPECT_LE(result->getValue<int>("quietSeconds"), result->getValue<int>("measuredSeconds"));
    EXPECT_LE(result->getObject("quietOfferLatencyMs")->getValue<int>("samples"),
              latency->getValue<int>("samples"));
}

TEST(AcdLoad, AgentsWhoseCallsRingOutMakeThemselvesReadyAgain)
{
    // Agents pick up after 1.5 s, the ring time is 1 s: every call rings out, over and over.
    const LoadRun run = runAcdLoad("--agents 10 --supervisors 1 --rate 10 --duration 3 --warmup 1 "
                                   "--talk-s 1 --answer-ms 1500 --ring-timeout-s 1 --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    auto result = run.report();
    EXPECT_GT(result->getValue<int>("readyAgainAfterRona"), 0);
    // More offers than agents: each went Ready again after a ring-no-answer and was offered
    // another call (an agent left Not Ready is offered nothing more).
    EXPECT_GT(result->getValue<int>("offered"), 10);
}

TEST(AcdLoad, CallersWithLittlePatienceHangUpBeforeAnAnswer)
{
    // Two agents who talk for 5 s and ten calls a second: callers wait, and with a mean
    // patience of half a second most hang up before an agent is free.
    const LoadRun run = runAcdLoad("--agents 2 --supervisors 1 --rate 10 --duration 3 --warmup 1 "
                                   "--talk-s 5 --patience-s 0.5 --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    auto result = run.report();
    EXPECT_GT(result->getValue<int>("abandoned"), 10);
    EXPECT_LT(result->getValue<int>("answered"), result->getValue<int>("abandoned"));
}

TEST(AcdLoad, SupervisorsLeftOffTheFiguresGetNone)
{
    const LoadRun run = runAcdLoad("--agents 2 --supervisors 1 --rate 2 --duration 2 --warmup 1 "
                                   "--talk-s 1 --no-supervisor-stats --json");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    auto result = run.report();
    EXPECT_EQ(result->getValue<int>("statsEvents"), 0);
    EXPECT_GT(result->getValue<int>("supervisorEvents"), 0);
}

} // namespace
} // namespace acd::load::test
