#pragma once
// The small HTTP/1.1 subset the network front speaks: a request-head parser that works on
// whatever bytes have arrived so far (so a non-blocking reader can call it after every read),
// the response serializer, and the WebSocket handshake key (RFC 6455 section 4.2.2).
// Pure: no sockets, no threads.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acd::net {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;  ///< "GET", "POST", ...
    std::string target;  ///< as sent: "/agents?queue=sales"
    std::string path;    ///< target before '?': "/agents"
    std::string query;   ///< target after '?', without it: "queue=sales"
    std::string version; ///< "HTTP/1.1"
    HttpHeaders headers; ///< in arrival order, names as sent
    std::string body;    ///< Content-Length bytes (no chunked bodies)
    std::string peerAddress;
    std::uint16_t peerPort = 0;

    /// The first header with this name (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
    bool hasHeader(std::string_view name) const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "text/plain; charset=utf-8";
    std::string body;
    HttpHeaders headers; ///< extra headers; Content-Length/Connection are added by the server
};

/// Answers one HTTP request (WsHandler::onHttpAsync); callable from any thread.
using HttpResponder = std::function<void(HttpResponse)>;

enum class HeadParse {
    Incomplete, ///< no blank line yet and still under the size limit: read more
    Complete,   ///< request line and headers parsed; headLength bytes consumed
    Bad,        ///< malformed: answer 400 and close
    TooLarge,   ///< no blank line within maxBytes: answer 400 and close
};

/// Parses "METHOD SP target SP HTTP/1.x CRLF (name: value CRLF)* CRLF" from the start of
/// `buffer`. On Complete, `out` holds the head (no body) and `headLength` the bytes used.
/// Bare LF line ends are accepted; obsolete header folding is rejected. `error` names what was
/// wrong on Bad/TooLarge.
HeadParse parseRequestHead(std::string_view buffer, std::size_t maxBytes, HttpRequest &out,
                           std::size_t &headLength, std::string &error);

/// "OK", "Not Found", ... ("Unknown" for codes it does not know).
const char *reasonPhrase(int status);

/// Status line, Content-Type, Content-Length, Connection: close, extra headers, body.
std::string serializeResponse(const HttpResponse &response, bool includeBody = true);

/// Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + RFC 6455 GUID)).
std::string webSocketAcceptKey(std::string_view secWebSocketKey);

/// True when a comma-separated header value contains `token` (case-insensitive), as in
/// "Connection: keep-alive, Upgrade".
bool headerHasToken(std::string_view value, std::string_view token);

} // namespace acd::net
