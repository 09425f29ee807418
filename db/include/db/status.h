#pragma once
// Typed results for the db API: no exception crosses it. Poco and SQLite errors are caught at
// the boundary and turned into a Status whose message names the object and the value.
#include "core/status.h"

namespace acd::db {

enum class DbError {
    Ok,
    Io,           ///< the file could not be opened, read or written
    SchemaTooNew, ///< the database was written by a newer program
    Sql,          ///< SQLite reported an error (busy, constraint, corrupt, ...)
    Invalid,      ///< a caller's argument or an input file is invalid
    NotFound,
};

const char *toString(DbError error);

using Status = core::BasicStatus<DbError>;
template<typename T>
using Result = core::BasicResult<T, Status>;

} // namespace acd::db
