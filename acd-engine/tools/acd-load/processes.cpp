#include "processes.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

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

ProcessUsage usageOf(int pid)
{
    ProcessUsage u;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    // Fields after the ")" of the command name: state is field 3; utime 14, stime 15.
    std::size_t close = text.rfind(')');
    if (close != std::string::npos) {
        std::istringstream fields(text.substr(close + 2));
        std::string field;
        unsigned long utime = 0, stime = 0;
        for (int i = 3; i <= 15 && fields >> field; ++i) {
            if (i == 14)
                utime = std::stoul(field);
            if (i == 15)
                stime = std::stoul(field);
        }
        u.cpuSeconds =
            static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
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

} // namespace acd::load
