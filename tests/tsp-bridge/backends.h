#pragma once

// The two ways the provider conformance suite reaches a switch: the sim provider in
// process, and the csta provider talking to a pbx-sim process on a loopback ephemeral port.

#include <memory>
#include <string>

namespace acd::tsp::test {

/// Devices both backends configure: stations 100-109, route points 9000-9001.
constexpr const char *kStations = "100-109";
constexpr const char *kRoutePoints = "9000-9001";

/// A running pbx-sim process (killed in the destructor).
class PbxSimProcess {
public:
    /// Starts pbx-sim; `port` 0 picks an ephemeral port. Extra arguments are appended.
    explicit PbxSimProcess(int port = 0, const std::string &extraArgs = "");
    ~PbxSimProcess();
    bool running() const { return m_pid > 0 && m_port > 0; }
    int port() const { return m_port; }
    /// SIGKILL, no goodbye on the socket.
    void kill();
    /// SIGSTOP: the process stops answering but keeps its sockets open.
    void freeze();

private:
    int m_pid = -1;
    int m_port = 0;
};

struct Backend {
    virtual ~Backend() = default;
    virtual std::string name() const = 0;
    virtual std::string providerPath() const = 0;
    virtual std::string config() const = 0;
};

std::unique_ptr<Backend> makeSimBackend();
/// Starts a pbx-sim; the csta provider connects straight to it.
std::unique_ptr<Backend> makeCstaBackend();

} // namespace acd::tsp::test
