#include "db/status.h"

namespace acd::db {

const char *toString(DbError error) {
    switch (error) {
    case DbError::Ok:
        return "ok";
    case DbError::Io:
        return "io";
    case DbError::SchemaTooNew:
        return "schema-too-new";
    case DbError::Sql:
        return "sql";
    case DbError::Invalid:
        return "invalid";
    case DbError::NotFound:
        return "not-found";
    }
    return "invalid";
}

} // namespace acd::db
