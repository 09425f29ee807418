#pragma once
// Import and export of the configuration as a JSON file (format in docs/database.md).
// Validation collects every error, each naming the item and the field, e.g.
//   queues[3] 'sales': field strategy: unknown value 'fastest'
#include "db/config_set.h"

#include <string>
#include <vector>

namespace acd::db {

struct ConfigParse {
    ConfigSet config;                ///< meaningful only when errors is empty
    std::vector<std::string> errors; ///< in file order
    bool ok() const { return errors.empty(); }
};

/// Parses and validates a configuration file. Clear "pin"/"password" values are hashed with
/// `iterations` PBKDF2 rounds; "pinHash"/"passwordHash" values are taken as they are.
ConfigParse parseConfigJson(const std::string &text, int iterations = 100000);

/// The configuration as a JSON document (hashes only, never a clear PIN or password).
std::string toConfigJson(const ConfigSet &config);

} // namespace acd::db
