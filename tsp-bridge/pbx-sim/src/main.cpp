// pbx-sim: a switch that serves CSTA XML. See docs/pbx-sim.md.
#include <csignal>
#include <cstdio>

#include "acd/tsp/pbx_sim.h"

namespace {
std::atomic<bool> g_stop{false};
void onSignal(int) {
    g_stop = true;
}
} // namespace

int main(int argc, char **argv) {
    acd::tsp::PbxSimConfig config;
    bool help = false;
    std::string error;
    if (!acd::tsp::parsePbxSimArgs(argc, argv, config, help, error)) {
        std::fprintf(stderr, "%s\n%s", error.c_str(), acd::tsp::pbxSimUsage());
        return 2;
    }
    if (help) {
        std::printf("%s", acd::tsp::pbxSimUsage());
        return 0;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    acd::tsp::CstaServer server(config);
    if (!server.bind(error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    // Tests and scripts read the bound port from this line.
    std::printf("listening %s:%d\n", config.host.c_str(), server.port());
    std::fflush(stdout);
    server.run(g_stop);
    return 0;
}
