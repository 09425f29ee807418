#pragma once
// The embedded default: what `acd-engine` with no arguments runs. The sim switch with
// generated traffic at route points 9000 (sales) and 9001 (support), simulated agents at
// stations 110-113 (logged in to the ACD and answering), stations 100-109 free for real
// agents, users to log in with (printed at start), a database in the temp directory.
#include "service_config.h"

#include "db/config_set.h"

#include <string>
#include <vector>

namespace acd::tapi {
class Host;
}

namespace acd::server {

struct DemoLogin {
    std::string user;
    std::string password;
    std::string role;
    std::string detail;
};

ServiceConfig demoServiceConfig();
/// The demo contact center (tapi::Host::demoConfig) with its users.
db::ConfigSet demoContactCenter();
/// The credentials of demoContactCenter(), for the start banner.
std::vector<DemoLogin> demoLogins();
/// Logs the simulated agents in at their stations and makes them Ready (engine thread).
void loginDemoAgents(tapi::Host &host);

} // namespace acd::server
