// csta-bench: calls per second through libtsp_csta.so <-> pbx-sim on loopback (make, answer,
// clear), and the round-trip latency of one request (p50/p99).
//
//   build/bin/csta-bench [cycles] [parallel-pairs]
//
// It starts pbx-sim on an ephemeral port and loads the csta provider through the provider
// loader, exactly as the engine does. Results go to stdout (docs/benchmarks.md).
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "acd/tsp/provider_loader.h"

extern char **environ;

namespace {

using Clock = std::chrono::steady_clock;

std::mutex g_mutex;
std::condition_variable g_changed;
std::map<DRV_REQUESTID, LONG> g_done;
std::map<uintptr_t, DWORD> g_state;       // htCall -> last LINE_CALLSTATE
std::map<uintptr_t, uintptr_t> g_newCall; // htLine -> last announced htCall
std::map<uintptr_t, HDRVCALL> g_hdCall;   // htCall -> provider handle
uintptr_t g_nextHt = 1000000;
DRV_REQUESTID g_nextRequest = 1;

void CALLBACK onCompletion(DRV_REQUESTID id, LONG result) {
    std::lock_guard lock(g_mutex);
    g_done[id] = result;
    g_changed.notify_all();
}

void CALLBACK onEvent(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                      DWORD_PTR) {
    std::lock_guard lock(g_mutex);
    if (msg == LINE_NEWCALL) {
        uintptr_t ht = g_nextHt++;
        *reinterpret_cast<HTAPICALL *>(p2) = reinterpret_cast<HTAPICALL>(ht);
        g_hdCall[ht] = reinterpret_cast<HDRVCALL>(p1);
        g_newCall[reinterpret_cast<uintptr_t>(htLine)] = ht;
    } else if (msg == LINE_CALLSTATE) {
        g_state[reinterpret_cast<uintptr_t>(htCall)] = static_cast<DWORD>(p1);
    }
    g_changed.notify_all();
}

template<typename P>
bool waitFor(P predicate) {
    std::unique_lock lock(g_mutex);
    return g_changed.wait_for(lock, std::chrono::seconds(5), predicate);
}

DRV_REQUESTID nextId() {
    std::lock_guard lock(g_mutex);
    return g_nextRequest++;
}

bool complete(LONG id) {
    if (id <= 0)
        return false;
    return waitFor([&] { return g_done.count(static_cast<DRV_REQUESTID>(id)) != 0; })
           && g_done[static_cast<DRV_REQUESTID>(id)] == 0;
}

struct Pbx {
    pid_t pid = -1;
    int port = 0;
    Pbx() {
        int fds[2];
        if (pipe(fds) != 0)
            return;
        std::vector<std::string> args{PBX_SIM_PATH, "--csta-listen",  "127.0.0.1:0", "--stations",
                                      "100-299",    "--route-points", "9000-9000"};
        std::vector<char *> argv;
        for (auto &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        FILE *out = fdopen(fds[0], "r");
        char line[128];
        if (out && std::fgets(line, sizeof line, out)) {
            if (const char *colon = std::strrchr(line, ':'))
                port = std::atoi(colon + 1);
        }
        if (out)
            std::fclose(out);
    }
    ~Pbx() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    }
};

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char **argv) {
    int cycles = argc > 1 ? std::atoi(argv[1]) : 2000;
    int pairs = argc > 2 ? std::atoi(argv[2]) : 8;
    Pbx pbx;
    if (pbx.port == 0) {
        std::fprintf(stderr, "csta-bench: cannot start %s\n", PBX_SIM_PATH);
        return 1;
    }
    acd::tsp::ProviderLoader loader(&onCompletion);
    std::string error;
    std::string config =
        "host=127.0.0.1;port=" + std::to_string(pbx.port) + ";stations=100-299;routepoints=9000";
    if (!loader.load({TSP_CSTA_PATH, config}, error)) {
        std::fprintf(stderr, "csta-bench: %s\n", error.c_str());
        return 1;
    }
    const auto &p = *loader.providers().front();
    std::vector<HDRVLINE> lines(p.numLines);
    for (DWORD i = 0; i < p.numLines; ++i) {
        if (p.tspi.lineOpen(p.lineDeviceIdBase + i, reinterpret_cast<HTAPILINE>(uintptr_t(i + 1)),
                            &lines[i], p.tspiVersion, &onEvent)
            != 0) {
            std::fprintf(stderr, "csta-bench: lineOpen %u failed\n", i);
            return 1;
        }
    }

    // 1. Round trip of one request (GetAgentState through TSPI_lineDevSpecific).
    std::vector<double> rtt;
    for (int i = 0; i < cycles; ++i) {
        TSPIAGENTREQUEST get{};
        get.dwCommand = TSPIDEVSPECIFIC_GETAGENTSTATE;
        auto t0 = Clock::now();
        LONG id = p.tspi.lineDevSpecific(nextId(), lines[0], 0, nullptr, &get, sizeof get);
        if (!complete(id))
            return 1;
        rtt.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }

    // 2. Calls: station 100+k calls 200+k, 200+k answers, 100+k clears; `pairs` in parallel.
    auto runCalls = [&](int k, int count) {
        for (int i = 0; i < count; ++i) {
            uintptr_t a = 0;
            HDRVCALL hdA = nullptr;
            {
                std::lock_guard lock(g_mutex);
                a = g_nextHt++;
            }
            std::string dest = std::to_string(200 + k);
            uintptr_t htLineB = static_cast<uintptr_t>(100 + k + 1);
            uintptr_t before = 0;
            {
                std::lock_guard lock(g_mutex);
                before = g_newCall[htLineB];
            }
            if (!complete(p.tspi.lineMakeCall(nextId(), lines[static_cast<size_t>(k)],
                                              reinterpret_cast<HTAPICALL>(a), &hdA, dest.c_str(), 0,
                                              nullptr)))
                return false;
            uintptr_t b = 0;
            if (!waitFor([&] {
                    b = g_newCall[htLineB];
                    return b != before && g_state[b] == LINECALLSTATE_OFFERING;
                }))
                return false;
            HDRVCALL hdB = nullptr;
            {
                std::lock_guard lock(g_mutex);
                hdB = g_hdCall[b];
            }
            if (!complete(p.tspi.lineAnswer(nextId(), hdB, nullptr, 0)))
                return false;
            if (!complete(p.tspi.lineDrop(nextId(), hdA, nullptr, 0)))
                return false;
            if (!waitFor([&] {
                    return g_state[a] == LINECALLSTATE_IDLE && g_state[b] == LINECALLSTATE_IDLE;
                }))
                return false;
            p.tspi.lineCloseCall(hdA);
            p.tspi.lineCloseCall(hdB);
        }
        return true;
    };
    auto t0 = Clock::now();
    if (!runCalls(0, cycles / 4)) {
        std::fprintf(stderr, "csta-bench: sequential calls failed\n");
        return 1;
    }
    double sequential = (cycles / 4) / std::chrono::duration<double>(Clock::now() - t0).count();

    int perPair = cycles / 4;
    std::vector<std::thread> threads;
    std::vector<int> ok(static_cast<size_t>(pairs), 0);
    t0 = Clock::now();
    for (int k = 0; k < pairs; ++k)
        threads.emplace_back([&, k] { ok[static_cast<size_t>(k)] = runCalls(k + 1, perPair); });
    for (auto &t : threads)
        t.join();
    double parallelSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (std::count(ok.begin(), ok.end(), 1) != pairs) {
        std::fprintf(stderr, "csta-bench: parallel calls failed\n");
        return 1;
    }
    double parallel = perPair * pairs / parallelSeconds;

    std::printf("csta-bench: csta provider <-> pbx-sim on loopback\n");
    std::printf("request round trip (GetAgentState, %d samples): p50 %.0f us, p99 %.0f us\n",
                cycles, percentile(rtt, 0.50), percentile(rtt, 0.99));
    std::printf("calls (make+answer+clear), 1 pair sequential, %d calls: %.0f calls/s\n",
                cycles / 4, sequential);
    std::printf("calls (make+answer+clear), %d pairs in parallel, %d calls: %.0f calls/s\n", pairs,
                perPair * pairs, parallel);
    for (auto hd : lines)
        p.tspi.lineClose(hd);
    loader.unloadAll();
    return 0;
}
