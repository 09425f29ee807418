#include "engine_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char **environ;

namespace acd::server::test {

std::string tempPath(const std::string &name)
{
    static int counter = 0;
    return (std::filesystem::temp_directory_path()
            / ("acd-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + "-"
               + name))
        .string();
}

EngineProcess::EngineProcess(std::vector<std::string> args)
{
    int out[2];
    if (pipe(out) != 0)
        return;
    m_errFile = tempPath("stderr.txt");
    args.insert(args.begin(), ACD_ENGINE_PATH);
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, m_errFile.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        return;
    }
    m_pid = pid;
    m_outFd = out[0];
    // Read until the "listening on HOST:PORT" line, the end of output, or 20 s.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{m_outFd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        char buffer[4096];
        ssize_t n = read(m_outFd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        m_out.append(buffer, static_cast<std::size_t>(n));
        std::size_t at = m_out.find("listening on ");
        if (at != std::string::npos) {
            std::size_t eol = m_out.find('\n', at);
            if (eol == std::string::npos)
                continue;
            std::string line = m_out.substr(at, eol - at);
            m_port = std::atoi(line.c_str() + line.rfind(':') + 1);
            break;
        }
    }
}

EngineProcess::~EngineProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
    if (m_outFd >= 0)
        close(m_outFd);
    std::filesystem::remove(m_errFile);
}

int EngineProcess::terminate(int timeoutMs)
{
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        pid_t r = waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        pollfd p{m_outFd, POLLIN, 0};
        if (poll(&p, 1, 20) > 0) {
            char buffer[4096];
            ssize_t n = read(m_outFd, buffer, sizeof buffer);
            if (n > 0)
                m_out.append(buffer, static_cast<std::size_t>(n));
        }
    }
    return -1;
}

int EngineProcess::wait()
{
    if (m_pid <= 0)
        return -1;
    char buffer[4096];
    ssize_t n;
    while ((n = read(m_outFd, buffer, sizeof buffer)) > 0)
        m_out.append(buffer, static_cast<std::size_t>(n));
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string EngineProcess::errors() const
{
    std::ifstream in(m_errFile);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace acd::server::test
