#include "migrations.h"

namespace acd::db {

Result<int> migrate(sql::Connection &db, const std::string &path, int target) {
    const auto &migrations = embeddedMigrations();
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (target <= 0 || target > latest)
        target = latest;
    auto current = db.queryInt("PRAGMA user_version");
    if (!current)
        return current.status();
    const int version = static_cast<int>(current.value());
    if (version > latest)
        return Status(DbError::SchemaTooNew,
                      "database '" + path + "' has schema version " + std::to_string(version)
                          + ", newer than this program's " + std::to_string(latest)
                          + ": open it with a newer acd-engine (refusing to touch it)");
    int now = version;
    for (const Migration &m : migrations) {
        if (m.version <= now || m.version > target)
            continue;
        const std::string what =
            "migration " + std::to_string(m.version) + " '" + std::string(m.name) + "'";
        if (Status s = db.begin(); !s)
            return s;
        Status s = db.script(m.sql, what); // ends with PRAGMA user_version = <version>
        if (s)
            s = db.commit();
        if (!s) {
            db.rollback();
            return s;
        }
        now = m.version;
    }
    return now;
}

} // namespace acd::db
