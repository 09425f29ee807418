// libtsp_sim.so: the provider core over the in-process switch model.
//
// Configuration keys (all optional):
//   stations=100-199        station extensions of the switch (and provider lines)
//   routepoints=9000-9009   route points of the switch (and provider lines)
//   lines=100-105,9000      restrict the provider's lines to these devices
//   trunks=30               trunks for external calls
//   external_answer_ms=3000 an external destination answers after this (-1: never)
//   calls_per_hour=0        inbound traffic per route point (0: off)
//   patience_s=60           mean caller patience (exponential)
//   agents=120-129          stations run by simulated agents
//   ring_delay_ms=2000      simulated agents answer after this
//   talk_s=120              simulated agents' talk time (mean)
//   talk=exponential|fixed  talk time distribution
//   seed=1                  random seed
// Traffic and simulated agents move the virtual clock with the wall clock.
#include <cstdlib>

#include "acd/tsp/provider_factory.h"
#include "sim_link.h"

namespace acd::tsp {
namespace {

bool readNumber(const std::map<std::string, std::string> &keys, const std::string &key, double &out,
                std::string &error) {
    auto it = keys.find(key);
    if (it == keys.end())
        return true;
    char *end = nullptr;
    double value = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end != '\0') {
        error = "sim provider: " + key + " must be a number, got '" + it->second + "'";
        return false;
    }
    out = value;
    return true;
}

} // namespace

std::unique_ptr<ProviderCore> createProvider(const std::string &configText, std::string &error) {
    auto keys = parseConfigString(configText);
    static const char *known[] = {"stations",           "routepoints",    "lines",      "trunks",
                                  "external_answer_ms", "calls_per_hour", "patience_s", "agents",
                                  "ring_delay_ms",      "talk_s",         "talk",       "seed"};
    for (const auto &[key, value] : keys) {
        bool ok = false;
        for (const char *k : known)
            ok = ok || key == k;
        if (!ok) {
            error = "sim provider: unknown configuration key '" + key + "'";
            return nullptr;
        }
    }
    SimLinkConfig link;
    std::string stations = keys.count("stations") ? keys["stations"] : "100-199";
    std::string routePoints = keys.count("routepoints") ? keys["routepoints"] : "9000-9009";
    if (!parseRange(stations, link.switchConfig.firstStation, link.switchConfig.lastStation)) {
        error = "sim provider: stations must be FIRST-LAST, got '" + stations + "'";
        return nullptr;
    }
    if (!parseRange(routePoints, link.switchConfig.firstRoutePoint,
                    link.switchConfig.lastRoutePoint)) {
        error = "sim provider: routepoints must be FIRST-LAST, got '" + routePoints + "'";
        return nullptr;
    }
    double trunks = 30, answerMs = 3000, callsPerHour = 0, patience = 60, ringDelay = 2000,
           talk = 120, seed = 1;
    if (!readNumber(keys, "trunks", trunks, error)
        || !readNumber(keys, "external_answer_ms", answerMs, error)
        || !readNumber(keys, "calls_per_hour", callsPerHour, error)
        || !readNumber(keys, "patience_s", patience, error)
        || !readNumber(keys, "ring_delay_ms", ringDelay, error)
        || !readNumber(keys, "talk_s", talk, error) || !readNumber(keys, "seed", seed, error))
        return nullptr;
    link.switchConfig.trunks = static_cast<int>(trunks);
    link.switchConfig.externalAnswerMs = static_cast<int64_t>(answerMs);
    TalkTimeKind talkKind = TalkTimeKind::Exponential;
    if (keys.count("talk")) {
        if (keys["talk"] == "fixed")
            talkKind = TalkTimeKind::Fixed;
        else if (keys["talk"] != "exponential") {
            error =
                "sim provider: talk must be 'fixed' or 'exponential', got '" + keys["talk"] + "'";
            return nullptr;
        }
    }
    if (callsPerHour > 0) {
        TrafficConfig traffic;
        traffic.callsPerHour = callsPerHour;
        traffic.patience = {TalkTimeKind::Exponential, static_cast<int64_t>(patience * 1000)};
        traffic.seed = static_cast<uint64_t>(seed);
        link.traffic = traffic;
        link.realTime = true;
    }
    if (keys.count("agents")) {
        std::vector<LineConfig> agentLines;
        if (!parseLineList(keys["agents"], "", agentLines, error))
            return nullptr;
        AgentsConfig agents;
        agents.ringDelayMs = static_cast<int64_t>(ringDelay);
        agents.talkTime = {talkKind, static_cast<int64_t>(talk * 1000)};
        agents.seed = static_cast<uint64_t>(seed) + 1;
        std::vector<std::string> dns;
        for (const auto &l : agentLines)
            dns.push_back(l.dn);
        link.agents = std::make_pair(agents, dns);
        link.realTime = true;
    }
    ProviderConfig config;
    config.providerName = "ACD suite sim provider";
    config.switchName = "sim switch model";
    std::string lineStations = stations;
    std::string lineRoutePoints = routePoints;
    if (keys.count("lines")) {
        // An explicit list: route points are the entries inside the route point range.
        std::vector<LineConfig> lines;
        if (!parseLineList(keys["lines"], "", lines, error))
            return nullptr;
        SwitchModel probe(link.switchConfig);
        for (auto &l : lines) {
            if (!probe.isDevice(l.dn)) {
                error = "sim provider: line '" + l.dn + "' is not a station or route point";
                return nullptr;
            }
            l.routePoint = probe.deviceType(l.dn) == DeviceType::RoutePoint;
        }
        config.lines = lines;
    } else if (!parseLineList(lineStations, lineRoutePoints, config.lines, error)) {
        return nullptr;
    }
    return std::make_unique<ProviderCore>(config, std::make_unique<SimLink>(std::move(link)));
}

} // namespace acd::tsp
