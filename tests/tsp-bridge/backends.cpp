#include "backends.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

extern char **environ;

namespace acd::tsp::test {

PbxSimProcess::PbxSimProcess(int port, const std::string &extraArgs) {
    int pipeFd[2];
    if (pipe(pipeFd) != 0)
        return;
    std::vector<std::string> args{
        PBX_SIM_PATH, "--csta-listen", "127.0.0.1:" + std::to_string(port),
        "--stations", kStations,       "--route-points",
        kRoutePoints};
    size_t pos = 0;
    while (pos < extraArgs.size()) {
        size_t end = extraArgs.find(' ', pos);
        if (end == std::string::npos)
            end = extraArgs.size();
        if (end > pos)
            args.push_back(extraArgs.substr(pos, end - pos));
        pos = end + 1;
    }
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFd[0]);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFd[1]);
    if (rc != 0) {
        close(pipeFd[0]);
        return;
    }
    m_pid = pid;
    // pbx-sim prints "listening 127.0.0.1:PORT" once bound.
    FILE *out = fdopen(pipeFd[0], "r");
    char line[256];
    if (out && std::fgets(line, sizeof line, out)) {
        const char *colon = std::strrchr(line, ':');
        if (colon)
            m_port = std::atoi(colon + 1);
    }
    if (out)
        std::fclose(out);
}

PbxSimProcess::~PbxSimProcess() {
    kill();
}

void PbxSimProcess::freeze() {
    if (m_pid > 0)
        ::kill(m_pid, SIGSTOP);
}

void PbxSimProcess::kill() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
}

namespace {

struct SimBackend : Backend {
    std::string name() const override { return "sim"; }
    std::string providerPath() const override { return TSP_SIM_PATH; }
    std::string config() const override {
        return std::string("stations=") + kStations + ";routepoints=" + kRoutePoints;
    }
};

struct CstaBackend : Backend {
    PbxSimProcess pbx;
    std::string name() const override { return "csta"; }
    std::string providerPath() const override { return TSP_CSTA_PATH; }
    std::string config() const override {
        return "host=127.0.0.1;port=" + std::to_string(pbx.port()) + ";stations=" + kStations
               + ";routepoints=" + kRoutePoints;
    }
};

} // namespace

std::unique_ptr<Backend> makeSimBackend() {
    return std::make_unique<SimBackend>();
}

std::unique_ptr<Backend> makeCstaBackend() {
    return std::make_unique<CstaBackend>();
}

} // namespace acd::tsp::test
