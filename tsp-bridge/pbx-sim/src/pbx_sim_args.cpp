#include <cstdlib>
#include <fstream>
#include <map>

#include "acd/tsp/pbx_sim.h"

namespace acd::tsp {
namespace {

bool toNumber(const std::string &key, const std::string &value, double &out, std::string &error) {
    char *end = nullptr;
    double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || v < 0) {
        error = "pbx-sim: " + key + " must be a non-negative number, got '" + value + "'";
        return false;
    }
    out = v;
    return true;
}

bool apply(const std::string &key, const std::string &value, PbxSimConfig &c, std::string &error) {
    double n = 0;
    if (key == "csta-listen") {
        auto colon = value.rfind(':');
        if (colon == std::string::npos) {
            error = "pbx-sim: --csta-listen must be HOST:PORT, got '" + value + "'";
            return false;
        }
        c.host = value.substr(0, colon);
        if (!toNumber(key, value.substr(colon + 1), n, error))
            return false;
        if (n > 65535) {
            error = "pbx-sim: port out of range in '" + value + "'";
            return false;
        }
        c.port = static_cast<int>(n);
    } else if (key == "stations") {
        if (!parseRange(value, c.switchConfig.firstStation, c.switchConfig.lastStation)) {
            error = "pbx-sim: --stations must be FIRST-LAST, got '" + value + "'";
            return false;
        }
    } else if (key == "route-points" || key == "routepoints") {
        if (!parseRange(value, c.switchConfig.firstRoutePoint, c.switchConfig.lastRoutePoint)) {
            error = "pbx-sim: --route-points must be FIRST-LAST, got '" + value + "'";
            return false;
        }
    } else if (key == "calls-per-hour" || key == "calls_per_hour") {
        if (!toNumber(key, value, n, error))
            return false;
        if (!c.traffic)
            c.traffic = TrafficConfig{};
        c.traffic->callsPerHour = n;
    } else if (key == "patience-s" || key == "patience_s") {
        if (!toNumber(key, value, n, error))
            return false;
        if (!c.traffic)
            c.traffic = TrafficConfig{};
        c.traffic->patience.meanMs = static_cast<int64_t>(n * 1000);
    } else if (key == "agents") {
        std::string first, last;
        if (!parseRange(value, first, last)) {
            error = "pbx-sim: --agents must be FIRST-LAST, got '" + value + "'";
            return false;
        }
        c.agentStations.clear();
        for (long i = std::stol(first); i <= std::stol(last); ++i)
            c.agentStations.push_back(std::to_string(i));
        if (!c.agents)
            c.agents = AgentsConfig{};
    } else if (key == "ring-delay-ms" || key == "ring_delay_ms") {
        if (!toNumber(key, value, n, error))
            return false;
        if (!c.agents)
            c.agents = AgentsConfig{};
        c.agents->ringDelayMs = static_cast<int64_t>(n);
    } else if (key == "talk-s" || key == "talk_s") {
        if (!toNumber(key, value, n, error))
            return false;
        if (!c.agents)
            c.agents = AgentsConfig{};
        c.agents->talkTime.meanMs = static_cast<int64_t>(n * 1000);
    } else if (key == "talk") {
        if (value != "fixed" && value != "exponential") {
            error = "pbx-sim: --talk must be 'fixed' or 'exponential', got '" + value + "'";
            return false;
        }
        if (!c.agents)
            c.agents = AgentsConfig{};
        c.agents->talkTime.kind =
            value == "fixed" ? TalkTimeKind::Fixed : TalkTimeKind::Exponential;
    } else if (key == "caller-ids" || key == "caller_ids") {
        if (value != "counter" && value != "arrival-time") {
            error = "pbx-sim: --caller-ids must be 'counter' or 'arrival-time', got '" + value
                    + "'";
            return false;
        }
        if (!c.traffic)
            c.traffic = TrafficConfig{};
        c.traffic->callerIdIsArrivalTime = value == "arrival-time";
    } else if (key == "seed") {
        if (!toNumber(key, value, n, error))
            return false;
        if (!c.traffic)
            c.traffic = TrafficConfig{};
        c.traffic->seed = static_cast<uint64_t>(n);
        if (c.agents)
            c.agents->seed = static_cast<uint64_t>(n) + 1;
    } else if (key == "trunks") {
        if (!toNumber(key, value, n, error))
            return false;
        c.switchConfig.trunks = static_cast<int>(n);
    } else if (key == "external-answer-ms" || key == "external_answer_ms") {
        char *end = nullptr;
        long v = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0') {
            error = "pbx-sim: " + key + " must be an integer, got '" + value + "'";
            return false;
        }
        c.switchConfig.externalAnswerMs = v;
    } else if (key == "heartbeat-ms" || key == "heartbeat_ms") {
        if (!toNumber(key, value, n, error))
            return false;
        c.heartbeatMs = static_cast<int>(n);
    } else {
        error = "pbx-sim: unknown option '" + key + "'";
        return false;
    }
    return true;
}

bool loadFile(const std::string &path, PbxSimConfig &c, std::string &error) {
    std::ifstream in(path);
    if (!in) {
        error = "pbx-sim: cannot read config file '" + path + "'";
        return false;
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        auto hash = line.find('#');
        if (hash != std::string::npos)
            line.erase(hash);
        auto trim = [](std::string s) {
            size_t a = s.find_first_not_of(" \t\r");
            size_t b = s.find_last_not_of(" \t\r");
            return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
        };
        line = trim(line);
        if (line.empty())
            continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) {
            error = "pbx-sim: " + path + ":" + std::to_string(number)
                    + ": expected key=value, got '" + line + "'";
            return false;
        }
        if (!apply(trim(line.substr(0, eq)), trim(line.substr(eq + 1)), c, error)) {
            error += " (" + path + ":" + std::to_string(number) + ")";
            return false;
        }
    }
    return true;
}

} // namespace

const char *pbxSimUsage() {
    return "usage: pbx-sim --csta-listen HOST:PORT [--config FILE] [--stations FIRST-LAST]\n"
           "               [--route-points FIRST-LAST] [--calls-per-hour N] [--patience-s S]\n"
           "               [--agents FIRST-LAST] [--ring-delay-ms MS] [--talk-s S]\n"
           "               [--talk fixed|exponential] [--trunks N] [--external-answer-ms MS]\n"
           "               [--caller-ids counter|arrival-time] [--heartbeat-ms MS] [--seed N]\n"
           "defaults: 127.0.0.1:1040, stations 100-199, route points 9000-9009, 30 trunks,\n"
           "          no traffic, no simulated agents, heartbeat 30000 ms\n";
}

bool parsePbxSimArgs(int argc, const char *const *argv, PbxSimConfig &config, bool &help,
                     std::string &error) {
    help = false;
    std::vector<std::pair<std::string, std::string>> options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            help = true;
            return true;
        }
        if (arg.rfind("--", 0) != 0) {
            error = "pbx-sim: unexpected argument '" + arg + "'";
            return false;
        }
        std::string key = arg.substr(2);
        std::string value;
        auto eq = key.find('=');
        if (eq != std::string::npos) {
            value = key.substr(eq + 1);
            key = key.substr(0, eq);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            error = "pbx-sim: option --" + key + " needs a value";
            return false;
        }
        options.emplace_back(key, value);
    }
    // The config file first, so command-line options override it.
    for (const auto &[key, value] : options) {
        if (key == "config" && !loadFile(value, config, error))
            return false;
    }
    for (const auto &[key, value] : options) {
        if (key != "config" && !apply(key, value, config, error))
            return false;
    }
    return true;
}

} // namespace acd::tsp
