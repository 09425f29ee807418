#pragma once
// What both ends of remote TAPI (docs/protocol.md, "Remote TAPI") need alike: the parameter
// names of a tapi_functions.def entry, and base64 of binary arguments and outputs. Used by
// libtapi's remote binding and by the engine's `tapi` op, so the two cannot drift apart.
#include <Poco/Base64Encoder.h>

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

namespace acd::tapi::wire {

/// "(hLine, lphCall, x)" -> {"hLine", "lphCall", "x"}: the keys of a request's `args`.
inline std::vector<std::string> splitParameterNames(const char *list)
{
    std::vector<std::string> names;
    std::string current;
    for (const char *p = list; *p; ++p) {
        if (*p == '(' || *p == ')' || *p == ' ')
            continue;
        if (*p == ',') {
            names.push_back(current);
            current.clear();
        } else {
            current += *p;
        }
    }
    if (!current.empty())
        names.push_back(current);
    return names;
}

/// RFC 4648 base64 with padding and no line breaks.
inline std::string base64(const void *data, std::size_t size)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(static_cast<const char *>(data), static_cast<std::streamsize>(size));
    encoder.close();
    return out.str();
}

} // namespace acd::tapi::wire
