#pragma once
// Versioned schema migrations embedded from db/schema/NNN_name.sql (see EmbedSql.cmake).
// The database's version is PRAGMA user_version: 0 for an empty file, N after NNN applied.
#include "db/status.h"
#include "sqlite.h"

#include <string>
#include <vector>

namespace acd::db {

struct Migration {
    int version;
    const char *name;
    const char *sql;
};

/// All migrations, ascending by version (generated source).
const std::vector<Migration> &embeddedMigrations();

/// Applies the migrations above the file's version up to `target` (0 = the latest), each in
/// its own transaction. Refuses a file whose version is newer than the latest known.
Result<int> migrate(sql::Connection &db, const std::string &path, int target);

} // namespace acd::db
