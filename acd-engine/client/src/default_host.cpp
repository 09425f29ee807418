// The embedded default engine: when a TAPI program calls lineInitializeEx and no engine is
// attached, libtapi starts the engine host in the process — the demo contact center on the
// sim provider, or what the environment names:
//   TAPI_ENGINE_CONFIG   a configuration JSON file (db/examples/config.json's format)
//   TAPI_PROVIDER        a provider library (default: libtsp_sim.so next to libtapi)
//   TAPI_PROVIDER_CONFIG its configuration string (default: the demo's stations/route points)
#include "acd/tapi/host.h"
#include "acd/tapi/in_process.h"
#include "db/json_config.h"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

namespace acd::tapi::client {
namespace {

std::mutex g_mutex;
Host *g_host = nullptr; // owned; released at exit

void stopDefaultHost()
{
    std::lock_guard lock(g_mutex);
    if (!g_host)
        return;
    detach();
    delete g_host;
    g_host = nullptr;
}

bool loadConfig(HostConfig &config, std::string &error)
{
    const char *path = std::getenv("TAPI_ENGINE_CONFIG");
    if (!path) {
        config.config = Host::demoConfig();
        return true;
    }
    std::ifstream in(path);
    if (!in) {
        error = std::string("TAPI_ENGINE_CONFIG: cannot read '") + path + "'";
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    db::ConfigParse parsed = db::parseConfigJson(text.str());
    if (!parsed.errors.empty()) {
        error = std::string(path) + ": " + parsed.errors.front();
        return false;
    }
    config.config = std::move(parsed.config);
    return true;
}

bool startDefaultHost(std::string &error)
{
    std::lock_guard lock(g_mutex);
    if (g_host)
        return true;
    HostConfig config;
    if (!loadConfig(config, error))
        return false;
    tsp::ProviderSpec provider = Host::demoProvider();
    if (const char *path = std::getenv("TAPI_PROVIDER"))
        provider.path = path;
    if (const char *text = std::getenv("TAPI_PROVIDER_CONFIG"))
        provider.config = text;
    config.providers = {provider};
    std::unique_ptr<Host> host = Host::start(std::move(config), error);
    if (!host)
        return false;
    g_host = host.release();
    attachInProcess(g_host->loop(), g_host->server());
    std::atexit(stopDefaultHost);
    return true;
}

/// Installs the starter when libtapi is loaded.
struct Registration {
    Registration() { setDefaultHostStarter(&startDefaultHost); }
} g_registration;

} // namespace
} // namespace acd::tapi::client
