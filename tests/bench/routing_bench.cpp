// acd-bench: routing decisions per second against a naive scanning baseline, the whole core's
// cost per decision, simulator throughput, and memory per agent and per waiting call. Results
// and the commands that produced them are in docs/benchmarks.md.
//
// A "decision" is one routing decision: a call arrives (offer it to the best idle agent or
// queue it) or an agent becomes free (give it the best waiting call or make it idle). The
// loops alternate an arrival and a completion, keeping about 95 % of agents busy so both
// kinds of decision find and miss candidates.
//
// - routing/<agents>: the decisions alone, made by the core's own routing index through
//   RoutingProbe; what naive_baseline/<agents> does by scanning, so the two compare like for
//   like.
// - core/<agents>: everything the core does around each decision as well (the call's
//   answer and hang-up, agent and session states, statistics, timers, events). Offers are
//   answered at once. Virtual time advances at the rate such a center really sees (arrivals
//   = 0.95 x agents / 180 s AHT), so time-based state (the 30-minute statistics windows,
//   ring timers, intervals) holds what it would hold in production.
#include "agent_memory.h"
#include "alloc_counter.h"
#include "core_center.h"
#include "huge_page_heap.h"
#include "naive_router.h"
#include "workload.h"

#include "core/engine.h"
#include "core/routing_probe.h"
#include "sim/simulator.h"

#include <benchmark/benchmark.h>

#include <cstdlib>

namespace acd::bench {
namespace {

using namespace acd::core;

/// The loop every routing benchmark runs: arrivals until 95 % of the agents are busy, then
/// per iteration one arrival and one completion (another arrival when nobody is busy), two
/// decisions; reports decisions_per_second.
template<class Arrive, class Complete, class Busy>
void runDecisions(benchmark::State &state, int agents, Arrive arrive, Complete complete, Busy busy)
{
    while (busy() < static_cast<std::size_t>(agents * 0.95))
        arrive();
    std::uint64_t decisions = 0;
    for (auto _ : state) {
        arrive();
        if (busy() > 0)
            complete();
        else
            arrive();
        decisions += 2;
    }
    state.counters["decisions_per_second"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.counters["agents"] = agents;
}

/// The whole core per decision: each arrival and completion goes through the Engine's API
/// with everything that comes with it.
void wholeCore(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    CoreCenter center(w);
    runDecisions(
        state, agents, [&] { center.arrive(); }, [&] { center.complete(); },
        [&] { return center.connected(); });
}

/// One arrival and one completion per iteration, as in wholeCore(). Not inlined, so that
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

/// Arrivals until 95 % of the agents are on a call, the load the workload keeps.
void fillToSteadyLoad(CoreCenter &center, int agents)
{
    while (center.connected() < static_cast<std::size_t>(agents * 0.95))
        center.arrive();
}

/// wholeCore() in steady state, for instruction counts: the same workload first runs for
/// 105 % of the 30-minute measurement period of virtual time (so every statistics window is
/// full and evicts as much as it adds), then 100,000 decisions (50,000 iterations) are made
/// in measuredDecisions(). Decisions = 100,000 exactly.
void wholeCoreSteady(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    CoreCenter center(w);
    fillToSteadyLoad(center, agents);
    warmUp(center, static_cast<std::size_t>(1.05 * 1800000.0 / center.stepMs()));
    std::uint64_t decisions = 0;
    for (auto _ : state)
        decisions += measuredDecisions(center, 50000);
    state.counters["decisions_per_second"] =
        benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
    state.counters["decisions"] = static_cast<double>(decisions);
    state.counters["agents"] = agents;
}

/// What the `stats` topic's tick and /metrics cost: a snapshot of every queue (its agents by
/// state counted from its members) of a center whose agents are 95 % busy.
void queueSnapshots(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    CoreCenter center(w);
    fillToSteadyLoad(center, agents);
    const std::vector<core::QueueId> queues = center.engine().queueIds();
    std::int64_t staffed = 0;
    for (auto _ : state)
        for (core::QueueId id : queues)
            if (auto snap = center.engine().queue(id))
                staffed += snap.value().agentsStaffed;
    benchmark::DoNotOptimize(staffed);
    state.counters["queues"] = static_cast<double>(queues.size());
    state.counters["agents"] = agents;
    state.counters["snapshots_per_second"] = benchmark::Counter(
        static_cast<double>(state.iterations() * queues.size()), benchmark::Counter::kIsRate);
}

/// The core's routing index making the decisions alone (RoutingProbe): the same workload,
/// the same arrivals and completions as naiveBaseline(), the same bookkeeping (none).
void routing(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    CoreCenter center(w);
    RoutingProbe probe(center.engine());
    std::vector<std::pair<CallId, AgentId>> connected;
    CallId lastCall = 0;
    auto arrive = [&] {
        const CallId call = ++lastCall;
        const AgentId agent =
            probe.callArrives(static_cast<QueueId>(w.pickQueue() + 1), call, kMinPriority);
        if (agent != 0)
            connected.emplace_back(call, agent);
    };
    auto complete = [&] {
        const std::size_t i = w.rng() % connected.size();
        const AgentId agent = connected[i].second;
        connected[i] = connected.back();
        connected.pop_back();
        const CallId next = probe.agentFrees(agent);
        if (next != 0)
            connected.emplace_back(next, agent);
    };
    runDecisions(state, agents, arrive, complete, [&] { return connected.size(); });
}

/// BASELINE: the same workload through NaiveRouter (scans all agents / all queues).
void naiveBaseline(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    Workload w(agents);
    NaiveRouter router = NaiveRouter::forWorkload(w);
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
    runDecisions(state, agents, arrive, complete, [&] { return connected.size(); });
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

/// Heap bytes per logged-in Ready agent (10 skills, agent_memory.h) and per waiting call,
/// measured by the replaced operator new of this binary.
void memory(benchmark::State &state)
{
    const int agents = static_cast<int>(state.range(0));
    double perAgent = 0;
    double perCall = 0;
    for (auto _ : state) {
        perAgent = heapBytesPerAgent(agents);
        // Waiting calls: nobody logged in, so every call waits.
        Workload none(0);
        setHeapCounting(true);
        CoreCenter idle(none);
        const std::size_t start = liveHeapBytes();
        for (CallId c = 1; c <= 100000; ++c) {
            CallArrival a;
            a.id = c;
            a.queue = static_cast<QueueId>(c % Workload::kQueues + 1);
            a.ani = "+4930123456";
            a.dnis = "8000";
            idle.engine().callArrived(a, CoreCenter::kT0);
            idle.engine().discardEffects();
        }
        perCall = static_cast<double>(liveHeapBytes() - start) / 100000;
        setHeapCounting(false);
    }
    state.counters["bytes_per_agent"] = perAgent;
    state.counters["bytes_per_waiting_call"] = perCall;
}

BENCHMARK(routing)->Name("routing")->Arg(100)->Arg(300)->Arg(1000)->Arg(3000)->Arg(10000);
BENCHMARK(wholeCore)->Name("core")->Arg(100)->Arg(300)->Arg(1000)->Arg(3000)->Arg(10000);
BENCHMARK(wholeCoreSteady)->Name("core_steady")->Arg(10000)->Iterations(1);
BENCHMARK(naiveBaseline)
    ->Name("naive_baseline")
    ->Arg(100)
    ->Arg(300)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000);
BENCHMARK(simulator)->Name("simulator")->Arg(200000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(queueSnapshots)
    ->Name("queue_snapshots")
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
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
