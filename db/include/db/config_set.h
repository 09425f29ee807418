#pragma once
// The whole administrable configuration as stored in the database and in the JSON file:
// the core's *Config structs plus what only the shell needs (stations, users and roles).
#include "core/config.h"
#include "db/status.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acd::core {
class Engine;
}

namespace acd::db {

enum class Role { Agent, Supervisor, Admin };
std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view s);

/// A phone an agent can log in at (the station string of Engine::createSession).
struct StationConfig {
    std::string id; ///< the station's address, e.g. its extension "2001"
    std::string name;
    friend bool operator==(const StationConfig &, const StationConfig &) = default;
};

/// A route point (queue entry number): calls offered there enter `queue` in the core.
struct RoutePointConfig {
    std::string address; ///< the route point's number at the switch, e.g. "9000"
    std::string name;
    core::QueueId queue = 0;
    int priority = core::kMinPriority; ///< the calls' starting priority
    friend bool operator==(const RoutePointConfig &, const RoutePointConfig &) = default;
};

/// A person who logs in to the desktops or the admin API.
struct UserConfig {
    std::string name;
    Role role = Role::Agent;
    std::string passwordHash; ///< salted PBKDF2 (see secret_hash.h), never the password
    core::AgentId agent = 0;  ///< the agent this user is, 0 when none
    friend bool operator==(const UserConfig &, const UserConfig &) = default;
};

struct ConfigSet {
    std::vector<core::SkillConfig> skills;
    std::vector<core::GroupConfig> groups;
    std::vector<core::QueueConfig> queues; ///< with their routing rules (relaxation steps)
    std::vector<core::AgentConfig> agents; ///< pinHash holds the salted PBKDF2 hash
    std::map<core::ReasonCode, std::string> reasonCodes;
    std::vector<StationConfig> stations;
    std::vector<RoutePointConfig> routePoints;
    std::vector<UserConfig> users;
};

/// Adds the configuration to an engine (reason codes, skills, groups, queues, agents) and
/// checks cross references. The first error stops the load and names the item.
Status loadIntoEngine(const ConfigSet &config, core::Engine &engine);

/// "8-4-4-4-12" hexadecimal text of a TAPI GUID (Windows memory order: the first three
/// fields little-endian), and back.
std::string guidToString(const core::Guid &guid);
std::optional<core::Guid> guidFromString(std::string_view text);

} // namespace acd::db
