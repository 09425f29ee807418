// report: the db's reports (docs/database.md, "Reports") for supervisors and admins. The
// query runs on the report runner's thread, so the response comes later than those of
// requests sent after it; the request ID correlates them.
#include "protocol_impl.h"

#include <Poco/JSON/Array.h>

namespace acd::server {
namespace {

core::TimeMs timeArgument(Request &r, const std::string &key)
{
    std::optional<std::string> text = r.optionalKey(key);
    if (!text)
        throw RequestError{"bad_request", "key '" + key + "': missing", "", key};
    std::optional<core::TimeMs> at = db::parseTime(*text);
    if (!at)
        throw RequestError{"invalid",
                           "field " + key + ": '" + *text
                               + "' is not a time (Unix ms, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z)",
                           "", key};
    return *at;
}

Poco::JSON::Object::Ptr tableToJson(const db::ReportTable &table)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr columns = new Poco::JSON::Array;
    for (const std::string &c : table.columns)
        columns->add(c);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const std::vector<std::string> &row : table.rows) {
        Poco::JSON::Array::Ptr cells = new Poco::JSON::Array;
        for (const std::string &cell : row)
            cells->add(cell);
        rows->add(cells);
    }
    out->set("columns", columns);
    out->set("rows", rows);
    return out;
}

} // namespace

void ProtocolService::Impl::reportOperation(Connection &c, Request &r,
                                            Poco::JSON::Object::Ptr &result)
{
    const std::string kindText = r.text("kind");
    const core::TimeMs from = timeArgument(r, "from");
    const core::TimeMs to = timeArgument(r, "to");
    r.rejectUnknown();
    if (c.role == Role::Agent)
        throw RequestError{"forbidden", "reports are for supervisors and admins"};
    std::optional<db::ReportKind> kind = db::reportKindFromString(kindText);
    if (!kind)
        throw RequestError{"bad_request", "unknown report kind '" + kindText + "'", "", "kind"};
    if (from >= to)
        throw RequestError{"invalid", "field to: must be later than from", "", "to"};
    if (!reportRunner)
        throw RequestError{"internal", "this engine has no database to report from"};

    const ConnectionId connection = c.id;
    const Poco::Dynamic::Var id = r.id();
    auto done = [this, connection, id, kindText, from, to](db::Result<db::ReportTable> table) {
        auto it = connections.find(connection);
        if (it == connections.end())
            return; // the client went away meanwhile
        if (!table) {
            respondError(
                it->second, id,
                RequestError{"internal", "report " + kindText + ": " + table.status().message()});
            return;
        }
        Poco::JSON::Object::Ptr out = tableToJson(table.value());
        out->set("kind", kindText);
        out->set("from", from);
        out->set("to", to);
        respond(it->second, id, out);
    };
    if (!reportRunner(ReportJob{*kind, from, to}, std::move(done)))
        throw RequestError{"overloaded", "too many reports are running; retry later"};
    result = nullptr; // answered by `done`
}

} // namespace acd::server
