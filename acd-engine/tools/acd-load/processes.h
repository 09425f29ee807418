#pragma once
// The processes a load run starts (pbx-sim, acd-engine): spawned with their output piped,
// the bound port read from their "listening" line, CPU time and memory read from /proc.
#include <map>
#include <string>
#include <vector>

namespace acd::load {

class ChildProcess {
public:
    /// Starts `argv` and waits (at most 30 s) for a stdout line containing `marker`; the port
    /// is the number after the last ':' of that line.
    ChildProcess(std::vector<std::string> argv, const std::string &marker);
    ~ChildProcess();
    bool running() const { return m_pid > 0 && m_port > 0; }
    int pid() const { return m_pid; }
    int port() const { return m_port; }
    /// Why it did not start (empty when it did).
    const std::string &failure() const { return m_failure; }
    /// SIGTERM, then SIGKILL after `timeoutMs`; the exit status (-1 when killed).
    int stop(int timeoutMs = 15000);

private:
    int m_pid = -1;
    int m_port = 0;
    int m_out = -1;
    std::string m_failure;
};

struct ProcessUsage {
    double cpuSeconds = 0; ///< user + system
    long rssKiB = 0;
    long peakRssKiB = 0;
    int threads = 0;
    /// CPU seconds per thread name (threads of one name added up): where the time went.
    std::map<std::string, double> threadCpuSeconds;
};
ProcessUsage usageOf(int pid);

/// "engine 61 %, net-io-0 22 %, ..." : each thread's share of one core between two readings
/// `seconds` apart, busiest first, threads under 0.5 % left out.
std::string threadShares(const ProcessUsage &before, const ProcessUsage &after, double seconds);

} // namespace acd::load
