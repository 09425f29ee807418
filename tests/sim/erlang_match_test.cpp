// The core under the simulator reproduces queueing theory: Erlang C for M/M/N and Erlang A
// for M/M/N+M, on the published example (acd-domain.md 5.3: 100 calls per 30 min, AHT 180 s,
// 14 agents).
//
// Tolerance. Each figure is estimated from R independent replications (different seeds,
// 40,000 calls each, the first 4,000 left out as warm-up from an empty system). Replication
// means are independent and, by the central limit theorem, close to normal, so their mean
// has standard error s/sqrt(R), with s the sample standard deviation across replications.
// We accept the theory when it lies within 4 standard errors of the simulated mean: for
// R = 20 (Student t, 19 df) a correct engine fails this with probability about 0.0008 per
// figure. The seeds are fixed, so the test itself is deterministic. A separate assertion
// bounds the band's width, so a noisy simulation cannot pass by widening the band (measured:
// 4 SE is about 0.006 for P(wait), 0.8 s for ASA, 0.006 for SL). P(wait) is the sharp
// figure: a dispatcher that polled, even every 100 ms, would make almost every caller who
// arrives while an agent is idle wait a little, pushing P(wait) far outside its band.
#include "core/erlang.h"
#include "sim/simulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

namespace acd::sim {
namespace {

constexpr int kAgents = 14;
constexpr double kRate = 1.0 / 18;
constexpr double kAht = 180;
constexpr int kReplications = 20;

struct Estimate {
    double mean;
    double standardError;
};

Estimate estimate(const std::vector<double> &xs)
{
    double sum = 0;
    for (double x : xs)
        sum += x;
    const double mean = sum / xs.size();
    double ss = 0;
    for (double x : xs)
        ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / (xs.size() - 1));
    return {mean, sd / std::sqrt(static_cast<double>(xs.size()))};
}

std::vector<SimResult> replicate(double patience, core::Strategy strategy)
{
    std::vector<SimResult> out;
    for (int r = 0; r < kReplications; ++r) {
        Scenario s = singleQueueScenario(kAgents, kRate, kAht, patience, 20, strategy);
        s.calls = 40000;
        s.warmupCalls = 4000;
        s.seed = 1000 + r;
        out.push_back(Simulator(s).run());
    }
    return out;
}

Estimate of(const std::vector<SimResult> &rs, std::function<double(const SimResult &)> f)
{
    std::vector<double> xs;
    for (const SimResult &r : rs)
        xs.push_back(f(r));
    return estimate(xs);
}

void expectWithinBand(const Estimate &e, double theory, double maxBand, const char *what)
{
    EXPECT_LE(4 * e.standardError, maxBand) << what << ": simulation too noisy";
    EXPECT_NEAR(e.mean, theory, 4 * e.standardError)
        << what << ": simulated " << e.mean << " +- " << e.standardError << ", theory " << theory;
}

class ErlangCMatch : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_runs = replicate(0, core::Strategy::LongestIdle); }
    static std::vector<SimResult> s_runs;
};
std::vector<SimResult> ErlangCMatch::s_runs;

TEST_F(ErlangCMatch, ProbabilityOfWaitingMatchesErlangC)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.pWait; }),
                     core::erlang::probWait(kAgents, kRate * kAht), 0.01, "P(wait)");
}

TEST_F(ErlangCMatch, AverageSpeedOfAnswerMatchesErlangC)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.asa; }),
                     core::erlang::meanWait(kAgents, kRate * kAht, kAht), 1.0, "ASA");
}

TEST_F(ErlangCMatch, ServiceLevelMatchesErlangC)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.sl; }),
                     core::erlang::serviceLevel(kAgents, kRate * kAht, kAht, 20), 0.01, "SL");
}

TEST_F(ErlangCMatch, OccupancyMatchesOfferedLoadPerAgent)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.occupancy; }),
                     kRate * kAht / kAgents, 0.01, "occupancy");
}

TEST_F(ErlangCMatch, NoCallIsLostWithoutPatience)
{
    for (const SimResult &r : s_runs) {
        EXPECT_EQ(r.answered, r.calls);
        EXPECT_EQ(r.abandoned, 0u);
    }
}

TEST(ErlangCStrategies, RandomSelectionAmongIdenticalAgentsStillMatchesErlangC)
{
    const auto runs = replicate(0, core::Strategy::Random);
    expectWithinBand(of(runs, [](const SimResult &r) { return r.pWait; }),
                     core::erlang::probWait(kAgents, kRate * kAht), 0.01, "P(wait)");
}

class ErlangAMatch : public ::testing::Test {
protected:
    static constexpr double kPatience = 120;
    static void SetUpTestSuite() { s_runs = replicate(kPatience, core::Strategy::LongestIdle); }
    static core::erlang::ErlangA theory()
    {
        return core::erlang::erlangA(kAgents, kRate, kAht, kPatience);
    }
    static std::vector<SimResult> s_runs;
};
std::vector<SimResult> ErlangAMatch::s_runs;

TEST_F(ErlangAMatch, ProbabilityOfWaitingMatchesErlangA)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.pWait; }), theory().probWait,
                     0.01, "P(wait)");
}

TEST_F(ErlangAMatch, AbandonRateMatchesErlangA)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.abandonRate; }),
                     theory().probAbandon, 0.005, "P(abandon)");
}

TEST_F(ErlangAMatch, MeanWaitOfAllCallersMatchesErlangA)
{
    expectWithinBand(of(s_runs, [](const SimResult &r) { return r.avgWaitAll; }),
                     theory().meanWaitAll, 0.5, "E[W]");
}

} // namespace
} // namespace acd::sim
