// acd-load: a load run against the real engine over the real protocol.
//
//   acd-load [--agents N] [--rate CALLS_PER_S] [--duration S] [--warmup S] [--supervisors M]
//            [--talk-s S] [--patience-s S] [--answer-ms MS] [--ring-timeout-s S]
//            [--route-points K] [--connect-rate PER_S] [--json] [--keep]
//            [--latency-log FILE.csv] [--io-threads N] [--stream-write-ms MS]
//            [--no-supervisor-stats]
//
// It starts pbx-sim (traffic at the route points, each caller ID the switch's arrival time,
// simulated agents answering at every station) and acd-engine (csta provider to that pbx-sim,
// a generated contact center of N agents), connects N agent clients (each logs its agent in
// at its station, goes Ready and opens its station's line through remote TAPI) and M
// supervisor clients (subscribed to every event and, as the supervisor console, to the `stats`
// figures; read on a thread of their own, as they would be on their own desktops), runs for the
// duration and reports: offered/answered calls; the offer latency from the call's arrival at the
// switch to the LINE_CALLSTATE OFFERING at the agent's station line, and from its arrival in the
// engine to the agent's call.offered event (p50/p99/max); lost events at the supervisors; the
// engine's CPU (per thread) and memory, and the CPU of pbx-sim and of acd-load itself, which share
// the machine. Everything on loopback with ephemeral ports; it stops itself.
#include "host_steal.h"
#include "load_clients.h"
#include "processes.h"
#include "steal_timeline.h"

#include "db/secret_hash.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

namespace acd::load {
namespace {

struct Options {
    int agents = 100;
    double rate = 10;  ///< calls per second over all route points
    int duration = 20; ///< measured seconds
    int warmup = 5;
    int supervisors = 2;
    double talkSeconds = 5;
    double patienceSeconds = 600; ///< callers' mean patience at pbx-sim (exponential)
    int answerMs = 50;            ///< pbx-sim's agents answer a ringing call after this
    int ringTimeoutSeconds = 20;  ///< the queues' ring-no-answer timeout
    int routePoints = 10;
    int connectRate = 2000;
    bool json = false;
    bool keep = false; ///< keep the work directory (database, configuration) for inspection
    std::string latencyLog; ///< a CSV of every measured call: when it rang, its latency
    int ioThreads = 1;      ///< the engine's [limits] io-threads
    int streamWriteMs = 10; ///< the engine's [limits] stream-write-ms
    /// Supervisors subscribe to `stats` as well as `all`, as the supervisor console does.
    bool supervisorStats = true;
};

bool parse(int argc, char **argv, Options &o)
{
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
        const char *v = nullptr;
        if (a == "--json")
            o.json = true;
        else if (a == "--keep")
            o.keep = true;
        else if (a == "--no-supervisor-stats")
            o.supervisorStats = false;
        else if (a == "--help" || a == "-h")
            return false;
        else if (!(v = value()))
            return false;
        else if (a == "--agents")
            o.agents = std::atoi(v);
        else if (a == "--rate")
            o.rate = std::atof(v);
        else if (a == "--duration")
            o.duration = std::atoi(v);
        else if (a == "--warmup")
            o.warmup = std::atoi(v);
        else if (a == "--supervisors")
            o.supervisors = std::atoi(v);
        else if (a == "--talk-s")
            o.talkSeconds = std::atof(v);
        else if (a == "--patience-s")
            o.patienceSeconds = std::atof(v);
        else if (a == "--answer-ms")
            o.answerMs = std::atoi(v);
        else if (a == "--ring-timeout-s")
            o.ringTimeoutSeconds = std::atoi(v);
        else if (a == "--route-points")
            o.routePoints = std::atoi(v);
        else if (a == "--connect-rate")
            o.connectRate = std::atoi(v);
        else if (a == "--latency-log")
            o.latencyLog = v;
        else if (a == "--io-threads")
            o.ioThreads = std::atoi(v);
        else if (a == "--stream-write-ms")
            o.streamWriteMs = std::atoi(v);
        else
            return false;
    }
    return o.ioThreads >= 1 && o.ioThreads <= 64 && o.streamWriteMs >= 0 && o.streamWriteMs <= 1000
           && o.agents > 0 && o.agents <= 9999 && o.rate > 0 && o.patienceSeconds > 0
           && o.answerMs >= 0 && o.ringTimeoutSeconds >= 1 && o.duration > 0 && o.routePoints > 0
           && o.routePoints <= 100 && o.supervisors >= 0;
}

std::string executableDir()
{
    return std::filesystem::canonical("/proc/self/exe").parent_path().string();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

} // namespace
} // namespace acd::load

int main(int argc, char **argv)
{
    using namespace acd::load;
    Options o;
    if (!parse(argc, argv, o)) {
        std::cerr
            << "usage: acd-load [--agents N (1..9999)] [--rate CALLS_PER_S] [--duration S]"
               " [--warmup S] [--supervisors M] [--talk-s S] [--patience-s S] [--answer-ms MS] "
               "[--ring-timeout-s S] [--route-points K]"
               " [--connect-rate PER_S] [--json] [--keep] [--latency-log FILE.csv] [--io-threads N]"
               " [--stream-write-ms MS] [--no-supervisor-stats]\n";
        return 64;
    }
    // Thousands of sockets here and in the engine (which inherits the limit).
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);

    const std::string bin = executableDir();
    const std::string lib = (std::filesystem::path(bin).parent_path() / "lib").string();
    const std::string work =
        (std::filesystem::temp_directory_path() / ("acd-load-" + std::to_string(getpid())))
            .string();
    std::filesystem::create_directories(work);

    // The contact center: one group and skill, K queues behind K route points, N agents at
    // stations 10000.., one agent user each, supervisors.
    const int firstStation = 10000;
    const std::string secret = acd::db::hashSecret("load", 1000);
    std::ostringstream cc;
    cc << R"({"version":1,"skills":[{"id":1,"name":"all"}],)"
       << R"("groups":[{"id":1,"name":"all","guid":"6b29fc40-ca47-1067-b31d-00dd010662da"}],"queues":[)";
    for (int q = 0; q < o.routePoints; ++q)
        cc << (q ? "," : "") << R"({"id":)" << 10 + q << R"(,"name":"q)" << q
           << R"(","group":1,"skill":1,"wrapUpSeconds":0,"ringTimeoutSeconds":)"
           << o.ringTimeoutSeconds << R"(,"overflowWhenNoAgents":false})";
    cc << R"(],"agents":[)";
    for (int a = 0; a < o.agents; ++a)
        cc << (a ? "," : "") << R"({"id":)" << 100000 + a << R"(,"name":"agent)" << a
           << R"(","pinHash":")" << secret << R"(","skills":[{"skill":1,"level":5}]})";
    cc << R"(],"routePoints":[)";
    for (int q = 0; q < o.routePoints; ++q)
        cc << (q ? "," : "") << R"({"address":")" << 9000 + q << R"(","queue":)" << 10 + q << "}";
    cc << R"(],"users":[)";
    for (int a = 0; a < o.agents; ++a)
        cc << (a ? "," : "") << R"({"name":"a)" << a << R"(","role":"agent","passwordHash":")"
           << secret << R"(","agent":)" << 100000 + a << "}";
    for (int s = 0; s < std::max(1, o.supervisors); ++s)
        cc << R"(,{"name":"s)" << s << R"(","role":"supervisor","passwordHash":")" << secret
           << "\"}";
    cc << "]}";
    std::ofstream(work + "/cc.json") << cc.str();

    const std::string stations =
        std::to_string(firstStation) + "-" + std::to_string(firstStation + o.agents - 1);
    const std::string routePoints = "9000-" + std::to_string(9000 + o.routePoints - 1);
    const double perRoutePointPerHour = o.rate * 3600.0 / o.routePoints;
    // The engine runs as its systemd unit runs it: on glibc's huge-page heap (docs/operations.md).
    // A GLIBC_TUNABLES already set (e.g. glibc.malloc.hugetlb=0 to compare) is left alone.
    if (!std::getenv("GLIBC_TUNABLES"))
        ::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
    ChildProcess pbx({bin + "/pbx-sim",
                      "--csta-listen",
                      "127.0.0.1:0",
                      "--stations",
                      stations,
                      "--route-points",
                      routePoints,
                      "--calls-per-hour",
                      std::to_string(static_cast<long>(perRoutePointPerHour)),
                      "--patience-s",
                      std::to_string(o.patienceSeconds),
                      "--agents",
                      stations,
                      "--ring-delay-ms",
                      std::to_string(o.answerMs),
                      "--talk-s",
                      std::to_string(o.talkSeconds),
                      "--talk",
                      "fixed",
                      "--trunks",
                      "100000",
                      "--caller-ids",
                      "arrival-time",
                      "--heartbeat-ms",
                      "0"},
                     "listening");
    if (!pbx.running()) {
        std::cerr << "acd-load: pbx-sim did not start: " << pbx.failure() << "\n";
        return 70;
    }
    std::ofstream(work + "/acd.conf")
        << "[engine]\nlisten = 127.0.0.1:0\ndatabase = " << work
        << "/acd.db\ncontact-center = " << work << "/cc.json\n\n[provider pbx]\nlibrary = " << lib
        << "/libtsp_csta.so\nconfig = host=127.0.0.1;port=" << pbx.port()
        << ";stations=" << stations << ";routepoints=" << routePoints
        << ";heartbeat_ms=0\n\n[log]\nlevel = warning\n\n[limits]\nmax-connections = "
        << o.agents + o.supervisors + 100 << "\nio-threads = " << o.ioThreads
        << "\nstream-write-ms = " << o.streamWriteMs << "\n";
    ChildProcess engine({bin + "/acd-engine", "--config", work + "/acd.conf"}, "listening on");
    if (!engine.running()) {
        std::cerr << "acd-load: acd-engine did not start: " << engine.failure() << "\n";
        return 70;
    }

    std::vector<ClientSpec> supervisorSpecs;
    for (int s = 0; s < o.supervisors; ++s)
        supervisorSpecs.push_back(
            {"s" + std::to_string(s), "load", 0, "", "", 1, 0, o.supervisorStats});
    std::vector<ClientSpec> agentSpecs;
    for (int a = 0; a < o.agents; ++a)
        agentSpecs.push_back({"a" + std::to_string(a), "load",
                              static_cast<std::uint32_t>(100000 + a), "load",
                              std::to_string(firstStation + a), 1,
                              // The provider's lines are its stations in order (checked per
                              // client).
                              static_cast<std::uint32_t>(a)});
    Latencies latencies;
    LoadClients supervisors(engine.port(), std::move(supervisorSpecs), latencies);
    LoadClients agents(engine.port(), std::move(agentSpecs), latencies);
    double connectStart = nowMs();
    // Agents and supervisors each on their own thread, as on their own desktops; the
    // supervisors read their stream while the agents log in.
    auto besideAgents = [&](auto agentWork) {
        std::atomic<bool> agentsDone{false};
        std::thread supervising([&] {
            ::pthread_setname_np(::pthread_self(), "supervisors");
            supervisors.runUntil(agentsDone);
        });
        agentWork();
        agentsDone = true;
        supervising.join();
    };
    bool ok = supervisors.start(o.connectRate, 120000);
    besideAgents([&] { ok = agents.start(o.connectRate, 120000) && ok; });
    double connectSeconds = (nowMs() - connectStart) / 1000.0;
    auto runBoth = [&](int ms) { besideAgents([&] { agents.run(ms); }); };
    runBoth(o.warmup * 1000);
    // A login storm (thousands of agents within seconds, each login events and figures to
    // every supervisor) may overflow the supervisors' queues on this machine until the warm-up
    // has let them catch up; they resync. The run is judged on what is lost in its window.
    const std::uint64_t overflowsBeforeWindow = supervisors.results().overflowNotices;
    supervisors.resetMeasurements();
    agents.resetMeasurements();
    latencies.clearSamples();
    const double windowStartMs = nowMs();
    const ProcessUsage before = usageOf(engine.pid());
    const ProcessUsage pbxBefore = usageOf(pbx.pid());
    const ProcessUsage selfBefore = usageOf(::getpid());
    // The steal time second by second, to tell the quiet seconds from the others; its first
    // and last readings give the whole window's.
    std::vector<StealReading> stealReadings;
    std::atomic<bool> measuring{true};
    std::thread stealSampler([&] {
        ::pthread_setname_np(::pthread_self(), "steal-sampler");
        // A reading a second by the clock, not after a count of short sleeps: on a busy
        // machine each sleep overruns, and a 3-s run under the sanitizers got one "second".
        using Clock = std::chrono::steady_clock;
        Clock::time_point due = Clock::now();
        while (measuring) {
            stealReadings.push_back({nowMs(), readMachineCpu()});
            const Clock::time_point now = Clock::now();
            due = due + std::chrono::seconds(1) > now ? due + std::chrono::seconds(1)
                                                      : now + std::chrono::seconds(1);
            while (measuring && Clock::now() < due)
                std::this_thread::sleep_until(
                    std::min(due, Clock::now() + std::chrono::milliseconds(10)));
        }
        stealReadings.push_back({nowMs(), readMachineCpu()});
    });
    runBoth(o.duration * 1000);
    measuring = false;
    stealSampler.join();
    const double steal = stealShare(stealReadings.front().cpu, stealReadings.back().cpu);
    const ProcessUsage after = usageOf(engine.pid());
    const ProcessUsage pbxAfter = usageOf(pbx.pid());
    const ProcessUsage selfAfter = usageOf(::getpid());
    LoadResults r = supervisors.results();
    r += agents.results();
    // A supervisor stream behind the agents' at the window's end still owes the arrivals of
    // offers the agents saw in the window: read on (counting nothing more) until it has paid
    // them, so every offer of the window is a sample however busy the machine was.
    const double catchUpStart = nowMs();
    supervisors.runWhile([&] { return latencies.endsAwaitingStart() > 0; }, 10000);
    const double supervisorCatchUpMs = nowMs() - catchUpStart;
    // A clean stop writes every record the run produced (the writer may be behind): allow a minute.
    int engineExit = engine.stop(60000);
    pbx.stop();
    if (o.keep)
        std::cerr << "acd-load: kept " << work << "\n";
    else
        std::filesystem::remove_all(work);

    const double cpu = (after.cpuSeconds - before.cpuSeconds) / o.duration;
    // The switch and this tool share the machine with the engine: their CPU is reported too.
    const double pbxCpu = (pbxAfter.cpuSeconds - pbxBefore.cpuSeconds) / o.duration;
    const double selfCpu = (selfAfter.cpuSeconds - selfBefore.cpuSeconds) / o.duration;
    const std::string threads = threadShares(before, after, o.duration);
    if (!o.latencyLog.empty()) {
        std::ofstream log(o.latencyLog);
        log << "offering_at_ms,switch_to_offering_ms\n";
        const auto at = latencies.switchToLineOffering.endedAt();
        const auto ms = latencies.switchToLineOffering.samples();
        log.precision(15);
        for (std::size_t i = 0; i < at.size(); ++i)
            log << at[i] << "," << ms[i] << "\n";
    }
    struct Spread {
        std::size_t samples;
        double p50, p99, max;
    };
    auto spread = [](const std::vector<double> &v) {
        return Spread{v.size(), percentile(v, 0.50), percentile(v, 0.99), percentile(v, 1.0)};
    };
    const Spread line = spread(latencies.switchToLineOffering.samples());
    const Spread event = spread(latencies.engineToOfferEvent.samples());
    constexpr double kQuietSteal = 0.02;
    const QuietSamples quiet =
        samplesInQuietIntervals(stealReadings, latencies.switchToLineOffering.endedAt(),
                                latencies.switchToLineOffering.samples(), kQuietSteal);
    const Spread quietLine = spread(quiet.samples);
    // An overflow notice means the engine dropped events for that supervisor (it then resyncs):
    // a loss for this run, though the sequence numbers go on without a gap.
    const double firstOverflowS =
        r.firstOverflowAtMs > 0 ? (r.firstOverflowAtMs - windowStartMs) / 1000.0 : 0;
    char overflowWhen[128] = "";
    if (r.overflowNotices > 0)
        std::snprintf(overflowWhen, sizeof overflowWhen,
                      " (%llu before the window: the clients connecting, the warm-up; the first"
                      " %+.1f s from the window's start)",
                      static_cast<unsigned long long>(overflowsBeforeWindow), firstOverflowS);
    if (o.json) {
        std::printf(
            "{\"agents\":%d,\"supervisors\":%d,\"rate\":%.1f,\"duration\":%d,"
            "\"connected\":%zu,\"ready\":%zu,\"failures\":%zu,\"connectSeconds\":%.2f,"
            "\"queued\":%llu,\"offered\":%llu,\"lineOfferings\":%llu,"
            "\"answered\":%llu,\"completed\":%llu,\"abandoned\":%llu,"
            "\"readyAgainAfterRona\":%llu,"
            "\"offerLatencyMs\":{\"samples\":%zu,\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},"
            "\"offerEventLatencyMs\":{\"samples\":%zu,\"p50\":%.2f,\"p99\":%.2f,"
            "\"max\":%.2f},"
            "\"supervisorEvents\":%llu,\"statsEvents\":%llu,\"gaps\":%llu,\"overflowNotices\":%llu,"
            "\"overflowNoticesBeforeWindow\":%llu,"
            "\"firstOverflowS\":%.1f,"
            "\"supervisorCatchUpMs\":%.1f,\"engineCpu\":%.3f,\"engineRssKiB\":%ld,"
            "\"enginePeakRssKiB\":%ld,"
            "\"engineThreads\":%d,\"engineExit\":%d,\"engineThreadCpu\":\"%s\","
            "\"pbxSimCpu\":%.3f,\"loadToolCpu\":%.3f,\"hostSteal\":%.3f,"
            "\"quietSeconds\":%zu,\"measuredSeconds\":%zu,"
            "\"quietOfferLatencyMs\":{\"samples\":%zu,\"p50\":%.2f,\"p99\":%.2f,"
            "\"max\":%.2f}}\n",
            o.agents, o.supervisors, o.rate, o.duration, r.connected, r.ready, r.failures,
            connectSeconds, static_cast<unsigned long long>(r.queued),
            static_cast<unsigned long long>(r.offersSeen),
            static_cast<unsigned long long>(r.lineOfferings),
            static_cast<unsigned long long>(r.answered),
            static_cast<unsigned long long>(r.completed),
            static_cast<unsigned long long>(r.abandoned),
            static_cast<unsigned long long>(r.readyAgainAfterRona), line.samples, line.p50,
            line.p99, line.max, event.samples, event.p50, event.p99, event.max,
            static_cast<unsigned long long>(r.supervisorEvents),
            static_cast<unsigned long long>(r.statsEvents), static_cast<unsigned long long>(r.gaps),
            static_cast<unsigned long long>(r.overflowNotices),
            static_cast<unsigned long long>(overflowsBeforeWindow), firstOverflowS,
            supervisorCatchUpMs, cpu, after.rssKiB, after.peakRssKiB, after.threads, engineExit,
            threads.c_str(), pbxCpu, selfCpu, steal, quiet.quietIntervals, quiet.intervals,
            quietLine.samples, quietLine.p50, quietLine.p99, quietLine.max);
    } else {
        std::printf(
            "agents %d (ready %zu), supervisors %d, connected %zu in %.2f s, failures %zu%s%s\n"
            "traffic %.1f calls/s for %d s (after %d s warm-up): queued %llu, offered %llu"
            " (station OFFERING %llu), answered %llu, completed %llu (abandoned %llu); agents Ready"
            " again after"
            " ring-no-answer %llu\n"
            "offer latency (switch arrival -> agent's LINE_CALLSTATE OFFERING): p50 %.2f ms,"
            " p99 %.2f ms, max %.2f ms over %zu calls\n"
            "offer event latency (engine arrival -> agent's call.offered): p50 %.2f ms,"
            " p99 %.2f ms, max %.2f ms over %zu calls\n"
            "supervisor stream: %llu events, %llu lost, %llu overflow notices%s, %llu stats"
            " events; %.0f ms behind the agents' at the window's end\n"
            "engine: %.0f %% of one core, RSS %ld KiB (peak %ld KiB), %d threads, exit %d\n"
            "engine threads: %s\n"
            "same machine: pbx-sim %.0f %%, acd-load %.0f %% of one core; the hypervisor stole"
            " %.1f %% of the machine's CPU time (other tenants)\n"
            "offer latency in the %zu of %zu seconds it stole at most %.0f %%: p50 %.2f ms,"
            " p99 %.2f ms, max %.2f ms over %zu calls\n",
            o.agents, r.ready, o.supervisors, r.connected, connectSeconds, r.failures,
            r.firstFailure.empty() ? "" : ": ", r.firstFailure.c_str(), o.rate, o.duration,
            o.warmup, static_cast<unsigned long long>(r.queued),
            static_cast<unsigned long long>(r.offersSeen),
            static_cast<unsigned long long>(r.lineOfferings),
            static_cast<unsigned long long>(r.answered),
            static_cast<unsigned long long>(r.completed),
            static_cast<unsigned long long>(r.abandoned),
            static_cast<unsigned long long>(r.readyAgainAfterRona), line.p50, line.p99, line.max,
            line.samples, event.p50, event.p99, event.max, event.samples,
            static_cast<unsigned long long>(r.supervisorEvents),
            static_cast<unsigned long long>(r.gaps),
            static_cast<unsigned long long>(r.overflowNotices), overflowWhen,
            static_cast<unsigned long long>(r.statsEvents), supervisorCatchUpMs, cpu * 100,
            after.rssKiB, after.peakRssKiB, after.threads, engineExit, threads.c_str(),
            pbxCpu * 100, selfCpu * 100, steal * 100, quiet.quietIntervals, quiet.intervals,
            kQuietSteal * 100, quietLine.p50, quietLine.p99, quietLine.max, quietLine.samples);
    }
    const bool lostInWindow = r.gaps > 0 || r.overflowNotices > overflowsBeforeWindow;
    return ok && r.failures == 0 && !lostInWindow && engineExit == 0 ? 0 : 1;
}
