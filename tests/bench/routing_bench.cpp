// acd-bench: routing decisions per second of the core against a naive scanning baseline,
// simulator throughput, and memory per agent and per waiting call. Results and the command
// that produced them are in docs/benchmarks.md.
//
// A "decision" is one routing decision: a call arrives (offer it to the best idle agent or
// queue it) or an agent becomes free (give it the best waiting call or make it idle). The
// loop alternates an arrival and a completion, keeping about 95 % of agents busy so both
// kinds of decision find and miss candidates. Offers are answered at once. Virtual time
// advances at the rate such a center really sees (arrivals = 0.95 x agents / 180 s AHT), so
// time-based state (the 30-minute statistics windows, ring timers, intervals) holds what it
// would hold in production rather than what a benchmark loop could cram into it.
#include "alloc_counter.h"
#include "huge_page_heap.h"
#include "naive_router.h"
#include "workload.h"

#include "core/engine.h"
#include "sim/simulator.h"

#include <benchmark/benchmark.h>

#include <cstdlib>

namespace acd::bench {
namespace {

using namespace acd::core;

constexpr TimeMs kT0 = 1'700'001'000'000;

// Builds "prefix<n>"; written out because GCC 12 warns falsely (-Wrestrict) on
// "literal" + std::to_string(n).
std::string label(const char *prefix, std::size_t n)
{
    std::string s(prefix);
    s += std::to_string(n);
    return s;
}

/// The core configured for a workload, with every agent logged in and Ready.
class CoreCenter {
public:
    explicit CoreCenter(Workload &w)
        : m_w(w)
        , m_stepMs(std::max<TimeMs>(
              1,
              static_cast<TimeMs>(180000.0 / (0.95 * std::max<std::size_t>(1, w.agents.size())))))
    {
        for (std::uint32_t s = 1; s <= Workload::kSkills; ++s)
            m_engine.addSkill({s, label("skill", s)});
        for (std::uint32_t g = 0; g < Workload::kGroups; ++g) {
            GroupConfig gc{g + 1, {}, label("group", g)};
            gc.guid.bytes[0] = static_cast<std::uint8_t>(g + 1);
            m_engine.addGroup(gc);
        }
        for (std::size_t q = 0; q < w.queues.size(); ++q) {
            QueueConfig qc;
            qc.id = static_cast<QueueId>(q + 1);
            qc.name = label("q", q);
            qc.group = w.queues[q].group + 1;
            qc.skill = {w.queues[q].skill, w.queues[q].minLevel};
            qc.overflowWhenNoAgents = false;
            m_engine.addQueue(qc);
        }
        m_engine.reserveAgents(w.agents.size(), Workload::kSkillsPerAgent);
        for (std::size_t a = 0; a < w.agents.size(); ++a) {
            AgentConfig ac;
            ac.id = static_cast<AgentId>(a + 1);
            for (const auto &[skill, level] : w.agents[a].skills)
                ac.skills.push_back({skill, level});
            m_engine.addAgent(ac);
            auto s = m_engine.createSession(ac.id, w.agents[a].group + 1, std::to_string(1000 + a),
                                            m_now);
            m_engine.setSessionState(s.value(), SessionState::Ready, SessionState::None, m_now);
            m_engine.setAgentState(ac.id, AgentStateEx::Ready, AgentStateEx::None, 0, m_now);
        }
        m_engine.discardEffects();
    }

    void arrive()
    {
        m_now += m_stepMs;
        CallArrival c;
        c.id = ++m_lastCall;
        c.queue = static_cast<QueueId>(m_w.pickQueue() + 1);
        m_engine.callArrived(c, m_now);
        settle();
    }

    void complete()
    {
        const std::size_t i = m_w.rng() % m_connected.size();
        const CallId call = m_connected[i];
        m_connected[i] = m_connected.back();
        m_connected.pop_back();
        m_engine.callCleared(call, m_now);
        settle();
    }

    std::size_t connected() const { return m_connected.size(); }
    TimeMs stepMs() const { return m_stepMs; }
    Engine &engine() { return m_engine; }

private:
    void settle()
    {
        for (;;) {
            m_fx.clear();
            m_engine.takeEffects(m_fx);
            if (m_fx.empty())
                return;
            for (const Effect &e : m_fx) {
                if (const auto *o = std::get_if<OfferCall>(&e.body)) {
                    m_engine.callAnswered(o->call, m_now);
                    m_connected.push_back(o->call);
                }
            }
        }
    }

    Workload &m_w;
    TimeMs m_stepMs; // virtual time between arrivals
    Engine m_engine;
    TimeMs m_now = kT0;
    CallId m_lastCall = 0;
    std::vector<CallId> m_connected;
    std::vector<Effect> m_fx;
};

void routing(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    CoreCenter center(w);
    while (center.connected() < static_cast<std::size_t>(agents * 0.95))
        center.arrive();
    std::uint64_t decisions = 0;
    for (auto _ : state) {
        center.arrive();
        if (center.connected() > 0)
            center.complete();
        else
            center.arrive();
        decisions += 2;
    }
    state.counters["decisions_per_second"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.counters["agents"] = agents;
}

/// One arrival and one completion per iteration, as in routing(). Not inlined, so that
/// callgrind can count exactly these instructions (--toggle-collect='*measuredDecisions*').
[[gnu::noinline]] std::uint64_t measuredDecisions(CoreCenter &center, std::size_t iterations)
{
    for (std::size_t i = 0; i < iterations; ++i) {
        center.arrive();
        if (center.connected() > 0)
            center.complete();
        else
            center.arrive();
    }
    return 2 * iterations;
}

[[gnu::noinline]] void warmUp(CoreCenter &center, std::size_t iterations)
{
    for (std::size_t i = 0; i < iterations; ++i) {
        center.arrive();
        if (center.connected() > 0)
            center.complete();
        else
            center.arrive();
    }
}

/// routing() in steady state, for instruction counts: the same workload first runs for
/// 105 % of the 30-minute measurement period of virtual time (so every statistics window is
/// full and evicts as much as it adds), then 100,000 decisions (50,000 iterations) are made
/// in measuredDecisions(). Decisions = 100,000 exactly.
void routingSteady(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    CoreCenter center(w);
    while (center.connected() < static_cast<std::size_t>(agents * 0.95))
        center.arrive();
    warmUp(center, static_cast<std::size_t>(1.05 * 1800000.0 / center.stepMs()));
    std::uint64_t decisions = 0;
    for (auto _ : state)
        decisions += measuredDecisions(center, 50000);
    state.counters["decisions_per_second"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.counters["decisions"] = static_cast<double>(decisions);
    state.counters["agents"] = agents;
}

/// BASELINE: the same workload through NaiveRouter (scans all agents / all queues).
void naiveBaseline(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    NaiveRouter router;
    for (const auto &q : w.queues)
        router.addQueue(q.group, q.skill, q.minLevel);
    for (std::size_t a = 0; a < w.agents.size(); ++a) {
        std::vector<NaiveRouter::Skill> skills;
        for (const auto &[skill, level] : w.agents[a].skills)
            skills.push_back({skill, level});
        router.addAgent(w.agents[a].group, skills);
        router.agentFree(static_cast<std::uint32_t>(a), 0);
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> connected; // (call, agent)
    std::uint64_t lastCall = 0;
    std::int64_t now = 0;
    auto arrive = [&] {
        const std::uint64_t call = ++lastCall;
        const int agent = router.arrive(call, static_cast<std::uint32_t>(w.pickQueue()), 1, ++now);
        if (agent >= 0)
            connected.emplace_back(call, static_cast<std::uint32_t>(agent));
    };
    auto complete = [&] {
        const std::size_t i = w.rng() % connected.size();
        const std::uint32_t agent = connected[i].second;
        connected[i] = connected.back();
        connected.pop_back();
        const std::uint64_t next = router.agentFree(agent, ++now);
        if (next)
            connected.emplace_back(next, agent);
    };
    while (connected.size() < static_cast<std::size_t>(agents * 0.95))
        arrive();
    std::uint64_t decisions = 0;
    for (auto _ : state) {
        arrive();
        if (!connected.empty())
            complete();
        else
            arrive();
        decisions += 2;
    }
    state.counters["decisions_per_second"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.counters["agents"] = agents;
}

/// Calls simulated per second by acd-sim's engine (M/M/N, 14 agents, AHT 180 s).
void simulator(benchmark::State &state)
{
    std::uint64_t calls = 0;
    for (auto _ : state) {
        sim::Scenario s = sim::singleQueueScenario(14, 1.0 / 18, 180, 0, 20, Strategy::LongestIdle);
        s.calls = static_cast<std::uint64_t>(state.range(0));
        s.warmupCalls = s.calls / 10;
        const sim::SimResult r = sim::Simulator(s).run();
        benchmark::DoNotOptimize(r.asa);
        calls += s.calls;
    }
    state.counters["calls_per_second"] =
        benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

/// Heap bytes per logged-in Ready agent (10 skills) and per waiting call, measured by the
/// replaced operator new of this binary.
void memory(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    double perAgent = 0;
    double perCall = 0;
    setHeapCounting(true);
    for (auto _ : state) {
        Workload w(agents);
        Workload none(0);
        const std::size_t before = liveHeapBytes();
        CoreCenter empty(none);
        const std::size_t base = liveHeapBytes() - before;
        {
            const std::size_t start = liveHeapBytes();
            CoreCenter center(w);
            perAgent = static_cast<double>(liveHeapBytes() - start - base) / agents;
        }
        // Waiting calls: nobody logged in, so every call waits.
        CoreCenter idle(none);
        const std::size_t start = liveHeapBytes();
        for (CallId c = 1; c <= 100000; ++c) {
            CallArrival a;
            a.id = c;
            a.queue = static_cast<QueueId>(c % Workload::kQueues + 1);
            a.ani = "+4930123456";
            a.dnis = "8000";
            idle.engine().callArrived(a, kT0);
            idle.engine().discardEffects();
        }
        perCall = static_cast<double>(liveHeapBytes() - start) / 100000;
    }
    setHeapCounting(false);
    state.counters["bytes_per_agent"] = perAgent;
    state.counters["bytes_per_waiting_call"] = perCall;
}

BENCHMARK(routing)->Name("routing")->Arg(100)->Arg(300)->Arg(1000)->Arg(3000)->Arg(10000);
BENCHMARK(routingSteady)->Name("routing_steady")->Arg(10000)->Iterations(1);
BENCHMARK(naiveBaseline)
    ->Name("naive_baseline")
    ->Arg(100)
    ->Arg(300)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000);
BENCHMARK(simulator)->Name("simulator")->Arg(200000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(memory)->Name("memory")->Arg(10000)->Iterations(1);

} // namespace
} // namespace acd::bench

int main(int argc, char **argv)
{
    acd::bench::reexecWithHugePageHeap(argv);
    benchmark::Initialize(&argc, argv);
    const char *tunables = std::getenv("GLIBC_TUNABLES");
    benchmark::AddCustomContext("GLIBC_TUNABLES", tunables ? tunables : "");
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
