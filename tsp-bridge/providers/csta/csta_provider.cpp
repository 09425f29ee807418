// libtsp_csta.so: the provider core over CSTA Phase III XML on TCP.
//
// Configuration keys:
//   host=127.0.0.1          the switch's CSTA XML server
//   port=1040
//   stations=100-199        station lines (comma-separated numbers or FIRST-LAST ranges)
//   routepoints=9000-9009   route point lines
//   heartbeat_ms=30000      the switch's SystemStatus period (0: not supervised)
//   request_timeout_ms=10000
//   connect_timeout_ms=2000
//   reconnect_min_ms=200    reconnect backoff, doubling up to reconnect_max_ms
//   reconnect_max_ms=5000
//   max_frame=65535         frame size cap in bytes
#include <cstdlib>

#include "acd/tsp/provider_factory.h"
#include "csta_link.h"

namespace acd::tsp {
namespace {

bool readInt(const std::map<std::string, std::string> &keys, const std::string &key, int &out,
             int min, int max, std::string &error) {
    auto it = keys.find(key);
    if (it == keys.end())
        return true;
    char *end = nullptr;
    long value = std::strtol(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || value < min || value > max) {
        error = "csta provider: " + key + " must be an integer in " + std::to_string(min) + ".."
                + std::to_string(max) + ", got '" + it->second + "'";
        return false;
    }
    out = static_cast<int>(value);
    return true;
}

} // namespace

std::unique_ptr<ProviderCore> createProvider(const std::string &configText, std::string &error) {
    auto keys = parseConfigString(configText);
    static const char *known[] = {"host",
                                  "port",
                                  "stations",
                                  "routepoints",
                                  "heartbeat_ms",
                                  "request_timeout_ms",
                                  "connect_timeout_ms",
                                  "reconnect_min_ms",
                                  "reconnect_max_ms",
                                  "max_frame"};
    for (const auto &[key, value] : keys) {
        bool ok = false;
        for (const char *k : known)
            ok = ok || key == k;
        if (!ok) {
            error = "csta provider: unknown configuration key '" + key + "'";
            return nullptr;
        }
    }
    CstaLinkConfig link;
    if (keys.count("host"))
        link.host = keys["host"];
    int maxFrame = static_cast<int>(link.maxFrame);
    if (!readInt(keys, "port", link.port, 1, 65535, error)
        || !readInt(keys, "heartbeat_ms", link.heartbeatMs, 0, 3600000, error)
        || !readInt(keys, "request_timeout_ms", link.requestTimeoutMs, 1, 3600000, error)
        || !readInt(keys, "connect_timeout_ms", link.connectTimeoutMs, 1, 600000, error)
        || !readInt(keys, "reconnect_min_ms", link.reconnectMinMs, 1, 600000, error)
        || !readInt(keys, "reconnect_max_ms", link.reconnectMaxMs, 1, 3600000, error)
        || !readInt(keys, "max_frame", maxFrame, 64, 65535, error))
        return nullptr;
    link.maxFrame = static_cast<size_t>(maxFrame);
    ProviderConfig config;
    config.providerName = "ACD suite CSTA XML provider";
    config.switchName = "CSTA switch at " + link.host + ":" + std::to_string(link.port);
    if (!parseLineList(keys.count("stations") ? keys["stations"] : "",
                       keys.count("routepoints") ? keys["routepoints"] : "", config.lines, error))
        return nullptr;
    if (config.lines.empty()) {
        error = "csta provider: no lines configured (set stations= and/or routepoints=)";
        return nullptr;
    }
    return std::make_unique<ProviderCore>(config, std::make_unique<CstaLink>(link));
}

} // namespace acd::tsp
