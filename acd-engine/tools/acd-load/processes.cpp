#include "processes.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

extern char **environ;

namespace acd::load {

ChildProcess::ChildProcess(std::vector<std::string> argv, const std::string &marker)
{
    int out[2];
    if (pipe(out) != 0)
        return;
    std::vector<char *> args;
    for (auto &a : argv)
        args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        return;
    }
    m_pid = pid;
    m_out = out[0];
    std::string text;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{m_out, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        char buffer[1024];
        ssize_t n = read(m_out, buffer, sizeof buffer);
        if (n <= 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
        std::size_t at = text.find(marker);
        std::size_t eol = at == std::string::npos ? at : text.find('\n', at);
        if (eol != std::string::npos) {
            std::string line = text.substr(at, eol - at);
            m_port = std::atoi(line.c_str() + line.rfind(':') + 1);
            return;
        }
    }
    // Say why: the program's exit (or that it still runs) and what it printed.
    int status = 0;
    std::string why = "no '" + marker + "' line within 30 s";
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
        why = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                  : "exited with status " + std::to_string(WEXITSTATUS(status));
        m_pid = -1;
    }
    m_failure = argv[0] + ": " + why + (text.empty() ? "" : "; its output: " + text);
}

ChildProcess::~ChildProcess()
{
    stop(2000);
    if (m_out >= 0)
        close(m_out);
}

int ChildProcess::stop(int timeoutMs)
{
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        char buffer[4096]; // keep its stdout drained so it never blocks on a full pipe
        pollfd p{m_out, POLLIN, 0};
        if (poll(&p, 1, 20) > 0 && read(m_out, buffer, sizeof buffer) <= 0)
            continue;
    }
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    return -1;
}

namespace {

/// User + system CPU seconds from a /proc .../stat file, and the name between its parentheses.
double cpuSecondsOf(const std::string &statPath, std::string *name = nullptr)
{
    std::ifstream stat(statPath);
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    // Fields after the ")" of the command name: state is field 3; utime 14, stime 15.
    const std::size_t open = text.find('(');
    const std::size_t close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        return 0;
    if (name)
        *name = text.substr(open + 1, close - open - 1);
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14)
            utime = std::stoul(field);
        if (i == 15)
            stime = std::stoul(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

} // namespace

ProcessUsage usageOf(int pid)
{
    ProcessUsage u;
    const std::string dir = "/proc/" + std::to_string(pid);
    u.cpuSeconds = cpuSecondsOf(dir + "/stat");
    std::error_code ec;
    for (const auto &task : std::filesystem::directory_iterator(dir + "/task", ec)) {
        std::string name;
        const double seconds = cpuSecondsOf(task.path().string() + "/stat", &name);
        u.threadCpuSeconds[name] += seconds;
    }
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            u.rssKiB = std::atol(line.c_str() + 6);
        else if (line.rfind("VmHWM:", 0) == 0)
            u.peakRssKiB = std::atol(line.c_str() + 6);
        else if (line.rfind("Threads:", 0) == 0)
            u.threads = std::atoi(line.c_str() + 8);
    }
    return u;
}

std::string threadShares(const ProcessUsage &before, const ProcessUsage &after, double seconds)
{
    std::vector<std::pair<double, std::string>> shares;
    for (const auto &[name, total] : after.threadCpuSeconds) {
        const auto earlier = before.threadCpuSeconds.find(name);
        const double used = total - (earlier == before.threadCpuSeconds.end() ? 0 : earlier->second);
        if (seconds > 0 && used / seconds >= 0.005)
            shares.emplace_back(used / seconds, name);
    }
    std::sort(shares.begin(), shares.end(), std::greater<>());
    std::string text;
    for (const auto &[share, name] : shares) {
        char part[64];
        std::snprintf(part, sizeof part, "%s%s %.0f %%", text.empty() ? "" : ", ", name.c_str(),
                      share * 100);
        text += part;
    }
    return text;
}

} // namespace acd::load

