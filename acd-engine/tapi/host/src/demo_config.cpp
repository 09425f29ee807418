// The embedded default's contact center and provider: what `acd-engine` with no arguments
// and a TAPI program with no engine configured run against.
#include "acd/tapi/host.h"

#include "db/json_config.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

namespace acd::tapi {
namespace {

// PINs are demo values ("1234"); a cheap PBKDF2 count keeps start-up fast.
constexpr int kDemoIterations = 1000;

const char *const kDemoConfig = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" }, { "id": 2, "name": "spanish" },
              { "id": 3, "name": "billing" } ],
  "groups": [
    { "id": 1, "name": "sales-team", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" },
    { "id": 2, "name": "support-team", "guid": "0f8fad5b-d9cb-469f-a165-70867728950e" }
  ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" }, { "code": 2, "name": "Meeting" },
                   { "code": 3, "name": "Training" } ],
  "queues": [
    { "id": 10, "name": "sales", "group": 1, "skill": 1, "strategy": "longest-idle",
      "serviceLevelSeconds": 20, "wrapUpSeconds": 5, "ringTimeoutSeconds": 15,
      "maxWaitSeconds": 300, "overflowQueue": 20 },
    { "id": 20, "name": "support", "group": 2, "skill": 3, "strategy": "most-skilled",
      "serviceLevelSeconds": 30, "wrapUpSeconds": 10, "ringTimeoutSeconds": 15 }
  ],
  "agents": [
    { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 8 }, { "skill": 3, "level": 4 } ] },
    { "id": 1002, "name": "Bob", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
    { "id": 1003, "name": "Carmen", "pin": "1234", "skills": [ { "skill": 1, "level": 6 }, { "skill": 2, "level": 9 } ] },
    { "id": 1004, "name": "Dmitri", "pin": "1234", "skills": [ { "skill": 3, "level": 9 } ] },
    { "id": 1005, "name": "Emeka", "pin": "1234", "skills": [ { "skill": 3, "level": 6 }, { "skill": 1, "level": 3 } ] },
    { "id": 1006, "name": "Fatima", "pin": "1234", "skills": [ { "skill": 1, "level": 7 }, { "skill": 3, "level": 7 } ] }
  ],
  "routePoints": [
    { "address": "9000", "name": "Sales line", "queue": 10 },
    { "address": "9001", "name": "Support line", "queue": 20 }
  ]
})";

std::string libraryDirectory()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void *>(&libraryDirectory), &info) == 0 || !info.dli_fname)
        return ".";
    return std::filesystem::path(info.dli_fname).parent_path().string();
}

} // namespace

db::ConfigSet Host::demoConfig()
{
    db::ConfigParse parsed = db::parseConfigJson(kDemoConfig, kDemoIterations);
    db::ConfigSet config = parsed.config;
    for (int s = 100; s <= 119; ++s)
        config.stations.push_back({std::to_string(s), "Desk " + std::to_string(s)});
    return config;
}

tsp::ProviderSpec Host::demoProvider()
{
    // Next to this library (installed: P/lib), or in ../lib when linked into a program in bin.
    std::string path;
    if (const char *dir = std::getenv("ACD_PROVIDER_DIR"))
        path = std::string(dir) + "/libtsp_sim.so";
    else {
        std::filesystem::path here = libraryDirectory();
        path = (here / "libtsp_sim.so").string();
        if (!std::filesystem::exists(path))
            path = (here.parent_path() / "lib" / "libtsp_sim.so").string();
    }
    return {path, "stations=100-119;routepoints=9000-9001"};
}

} // namespace acd::tapi
