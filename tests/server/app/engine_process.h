#pragma once
// Runs the real acd-engine executable for a test: on a loopback ephemeral port (--listen
// 127.0.0.1:0), reading the bound port from its "listening on" line; SIGTERM to stop.
#include <string>
#include <vector>

namespace acd::server::test {

class EngineProcess {
public:
    explicit EngineProcess(std::vector<std::string> args);
    ~EngineProcess();
    bool running() const { return m_pid > 0 && m_port > 0; }
    int port() const { return m_port; }
    int pid() const { return m_pid; }
    /// SIGTERM and wait (at most `timeoutMs`); the exit status, or -1 when it had to be killed.
    int terminate(int timeoutMs = 10000);
    /// Runs to completion (for --check-config); the exit status.
    int wait();
    /// What the process printed on stdout / stderr so far (stderr after it ended).
    const std::string &output() const { return m_out; }
    std::string errors() const;

private:
    int m_pid = -1;
    int m_port = 0;
    int m_outFd = -1;
    std::string m_out;
    std::string m_errFile;
};

/// A unique path under the temp directory.
std::string tempPath(const std::string &name);

} // namespace acd::server::test
