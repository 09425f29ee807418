#pragma once

// pbx-sim: the switch model served as a CSTA Phase III XML server (the switching function).
// It speaks the framing and link setup a real switch does: SystemStatus on connect and as a
// heartbeat (a client that leaves two unanswered is dropped), SystemRegister, MonitorStart/
// Stop, SnapshotDevice, the call-control and agent requests of the bridge, and the events of
// every monitored device with invokeID 9999. Single-threaded: one loop owns the model, the
// listening socket and every client.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acd/tsp/switch_model.h"
#include "acd/tsp/traffic.h"

namespace acd::tsp {

struct PbxSimConfig {
    std::string host = "127.0.0.1";
    int port = 1040;
    SwitchConfig switchConfig;
    std::optional<TrafficConfig> traffic;
    std::optional<AgentsConfig> agents;
    std::vector<std::string> agentStations;
    int heartbeatMs = 30000;
};

/// Parses the command line (and the --config file it names); false with a message naming
/// the bad option and value. `help` is set for --help.
bool parsePbxSimArgs(int argc, const char *const *argv, PbxSimConfig &config, bool &help,
                     std::string &error);
const char *pbxSimUsage();

class CstaServer {
public:
    explicit CstaServer(PbxSimConfig config);
    ~CstaServer();

    /// Binds and listens; port() is the bound port afterwards (useful with port 0).
    bool bind(std::string &error);
    int port() const;
    /// Serves until `stop` becomes true.
    void run(const std::atomic<bool> &stop);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::tsp
