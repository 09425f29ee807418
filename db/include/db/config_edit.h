#pragma once
// One-item edits of a configuration for the admin API: put (add or replace by key) and delete,
// validated by the same reader as the JSON configuration file (db/json_config.h) run over the
// whole edited configuration, so per-field checks, uniqueness and cross references are written
// once. Errors name the item by its key and the field.
//
// Kinds are the lists of the configuration file: skills, groups, queues, agents, reasonCodes,
// stations, routePoints, users. Keys: id (skills, groups, queues, agents), code (reasonCodes),
// id (stations, a string), address (routePoints), name (users).
#include "db/config_set.h"
#include "db/secret_hash.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acd::db {

/// The admin API's kinds, in the order of the configuration file.
const std::vector<std::string> &configKinds();
bool isConfigKind(std::string_view kind);
/// "id", "code", "address" or "name".
std::string_view configKeyField(std::string_view kind);

struct ConfigItemError {
    std::string kind;    ///< the list, e.g. "queues"
    std::string key;     ///< the item's key as text, e.g. "30" ("" when it has none)
    std::string field;   ///< e.g. "maxWaitSeconds", "relaxation[1].value" ("" for the item)
    std::string message; ///< "queues 30 'sales': field maxWaitSeconds: -1 is out of range ..."
};

struct ConfigEdit {
    ConfigSet config; ///< the edited configuration, meaningful only when ok()
    std::string key;  ///< the key of the item put or deleted
    bool existed = false;
    /// What is wrong with the item itself (put): bad fields, unknown references.
    std::vector<ConfigItemError> errors;
    /// Other items the edit would break (delete: items that refer to the deleted one).
    std::vector<ConfigItemError> conflicts;
    bool ok() const { return errors.empty() && conflicts.empty(); }
};

/// Adds or replaces (same key) one item given as a JSON object. An agent's clear "pin" and a
/// user's clear "password" are hashed with `iterations` PBKDF2 rounds; when the item replaces
/// an existing one and gives neither the secret nor its hash, the stored hash is kept.
ConfigEdit putConfigItem(const ConfigSet &current, std::string_view kind,
                         const std::string &itemJson, int iterations = kDefaultPbkdf2Iterations);

/// The field of a kind's item that carries a clear secret: "pin" (agents), "password"
/// (users), or nullptr for the other kinds.
const char *clearSecretField(std::string_view kind);

/// The item with an agent's clear "pin" (digits) or a user's clear "password" replaced by its
/// PBKDF2 hash ("pinHash", "passwordHash"): a caller hashes here, away from the engine thread
/// (100,000 rounds take about 150 ms), and putConfigItem then only copies the hash. Anything
/// else (no secret, the secret and its hash both, a PIN that is not digits, text that is not
/// a JSON object) comes back as it was, for putConfigItem to report.
std::string hashClearSecret(std::string_view kind, const std::string &itemJson,
                            int iterations = kDefaultPbkdf2Iterations);

/// Deletes the item with `key`. `existed` is false when there is none; conflicts name the
/// items that refer to it.
ConfigEdit deleteConfigItem(const ConfigSet &current, std::string_view kind,
                            const std::string &key);

/// One item as a JSON object (the file's fields, without pinHash/passwordHash), or nullopt.
std::optional<std::string> configItemJson(const ConfigSet &config, std::string_view kind,
                                          const std::string &key);
/// Every item of the kind as a JSON array, secrets removed.
std::string configListJson(const ConfigSet &config, std::string_view kind);

} // namespace acd::db
