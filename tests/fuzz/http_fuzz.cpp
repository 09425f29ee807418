// libFuzzer target for the network front's HTTP request-head parser (acd-engine/server/net,
// parseRequestHead): every connection's first bytes, WebSocket upgrade or REST/metrics
// request, go through it before anything else looks at them.
// Invariants, besides no crash:
// - a Complete head is what the front relies on: headLength within the bytes given and the
//   size limit, a token method, a target starting with '/' (or "*"), HTTP/1.0 or 1.1, path
//   and query that make up the target, header names of token characters and no line breaks
//   in names or values;
// - Bad and TooLarge name the problem (a non-empty error);
// - read by read: a reader that calls it after every read (as the front does) sees Incomplete
//   for every prefix shorter than the head, and for every longer one the same head as for all
//   the bytes;
// - headerHasToken never finds a token in a value that does not contain it.
#include "acd/net/http.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace acd::net;

namespace {

bool isToken(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')
           || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void check(bool ok)
{
    if (!ok)
        std::abort();
}

bool sameHead(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query
           && a.version == b.version && a.headers == b.headers;
}

void checkComplete(const HttpRequest &r, std::size_t headLength, std::size_t size,
                   std::size_t maxBytes)
{
    check(headLength > 0 && headLength <= size && headLength <= maxBytes);
    check(!r.method.empty());
    for (char c : r.method)
        check(isToken(c));
    check(!r.target.empty() && (r.target[0] == '/' || r.target == "*"));
    check(r.version == "HTTP/1.1" || r.version == "HTTP/1.0");
    check(r.target
          == (r.query.empty() && r.target.find('?') == std::string::npos ? r.path
                                                                         : r.path + "?" + r.query));
    check(r.path.find('?') == std::string::npos);
    for (const auto &[name, value] : r.headers) {
        check(!name.empty());
        for (char c : name)
            check(isToken(c));
        check(value.find('\n') == std::string::npos && value.find('\r') == std::string::npos);
    }
    check(r.body.empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // Byte 0: the size limit (16..16,336 bytes in steps of 64), so TooLarge and the limit's
    // edge are reached with short inputs too.
    const std::size_t maxBytes = 16 + static_cast<std::size_t>(data[0]) * 64;
    const std::string_view bytes(reinterpret_cast<const char *>(data + 1), size - 1);

    HttpRequest full;
    std::size_t fullLength = 0;
    std::string error;
    const HeadParse result = parseRequestHead(bytes, maxBytes, full, fullLength, error);
    if (result == HeadParse::Complete)
        checkComplete(full, fullLength, bytes.size(), maxBytes);
    else if (result != HeadParse::Incomplete)
        check(!error.empty());

    // Read by read, in chunks of 1..16 bytes (the last input byte sets the size).
    const std::size_t chunk = size > 1 ? 1 + (data[size - 1] & 0x0F) : 1;
    for (std::size_t have = 0; have < bytes.size();) {
        have = std::min(bytes.size(), have + chunk);
        HttpRequest part;
        std::size_t partLength = 0;
        std::string partError;
        const HeadParse r =
            parseRequestHead(bytes.substr(0, have), maxBytes, part, partLength, partError);
        if (result == HeadParse::Complete) {
            if (have < fullLength) {
                check(r == HeadParse::Incomplete);
            } else {
                check(r == HeadParse::Complete && partLength == fullLength);
                check(sameHead(part, full));
                break;
            }
        } else if (r != HeadParse::Incomplete) {
            check(r == result); // the same verdict as soon as there is one
            break;
        }
    }

    // Token search in a header value: a hit only where the token is (case-insensitive).
    if (result == HeadParse::Complete)
        for (const auto &[name, value] : full.headers) {
            if (headerHasToken(value, "upgrade")) {
                std::string lower = value;
                for (char &c : lower)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                check(lower.find("upgrade") != std::string::npos);
            }
        }
    return 0;
}
