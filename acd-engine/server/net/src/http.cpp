#include "acd/net/http.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA1Engine.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace acd::net {

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i]))
            != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

/// A control character other than HTAB (a bare CR, NUL, ...): RFC 9112 makes a line with one
/// invalid, and a proxy in front of us may have read it differently (request smuggling).
bool hasControl(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](char ch) {
        const auto u = static_cast<unsigned char>(ch);
        return (u < 0x20 && ch != '\t') || u == 0x7F;
    });
}

bool isTokenChar(char c)
{
    if (std::isalnum(static_cast<unsigned char>(c)))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

} // namespace

std::string HttpRequest::header(std::string_view name) const
{
    for (const auto &[key, value] : headers) {
        if (iequals(key, name))
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(std::string_view name) const
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto &h) { return iequals(h.first, name); });
}

bool headerHasToken(std::string_view value, std::string_view token)
{
    while (!value.empty()) {
        std::size_t comma = value.find(',');
        std::string_view item = trim(value.substr(0, comma));
        if (iequals(item, token))
            return true;
        if (comma == std::string_view::npos)
            break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

HeadParse parseRequestHead(std::string_view buffer, std::size_t maxBytes, HttpRequest &out,
                           std::size_t &headLength, std::string &error)
{
    // Find the blank line that ends the head, within maxBytes.
    std::string_view window = buffer.substr(0, std::min(buffer.size(), maxBytes));
    std::size_t end = std::string_view::npos;
    std::size_t endLen = 0;
    for (std::size_t i = 0; i < window.size(); ++i) {
        if (window[i] != '\n')
            continue;
        if (i + 1 < window.size() && window[i + 1] == '\n') {
            end = i + 1;
            endLen = 1;
            break;
        }
        if (i + 2 < window.size() && window[i + 1] == '\r' && window[i + 2] == '\n') {
            end = i + 1;
            endLen = 2;
            break;
        }
    }
    // Reject early what cannot be a request line, so garbage gets its 400 at once.
    for (std::size_t i = 0; i < window.size(); ++i) {
        char c = window[i];
        if (c == ' ' || c == '\r' || c == '\n')
            break;
        if (!isTokenChar(c)) {
            error = "request line starts with a byte that is not a method character";
            return HeadParse::Bad;
        }
    }
    if (end == std::string_view::npos) {
        if (buffer.size() >= maxBytes) {
            error = "request head larger than " + std::to_string(maxBytes) + " bytes";
            return HeadParse::TooLarge;
        }
        return HeadParse::Incomplete;
    }
    headLength = end + endLen;
    std::string_view head = buffer.substr(0, end);

    HttpRequest request;
    std::size_t lineEnd = head.find('\n');
    std::string_view line = trim(head.substr(0, lineEnd));
    head.remove_prefix(lineEnd == std::string_view::npos ? head.size() : lineEnd + 1);

    if (hasControl(line)) {
        error = "request line has a control character";
        return HeadParse::Bad;
    }
    std::size_t sp1 = line.find(' ');
    std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 == std::string_view::npos || sp2 == std::string_view::npos
        || line.find(' ', sp2 + 1) != std::string_view::npos) {
        error = "request line '" + std::string(line.substr(0, 80)) + "' is not METHOD TARGET VERSION";
        return HeadParse::Bad;
    }
    request.method = std::string(line.substr(0, sp1));
    request.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
    request.version = std::string(line.substr(sp2 + 1));
    if (request.method.empty() || !std::all_of(request.method.begin(), request.method.end(), isTokenChar)) {
        error = "bad method '" + request.method.substr(0, 20) + "'";
        return HeadParse::Bad;
    }
    if (request.target.empty() || (request.target[0] != '/' && request.target != "*")) {
        error = "bad request target '" + request.target.substr(0, 80) + "'";
        return HeadParse::Bad;
    }
    if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
        error = "unsupported version '" + request.version.substr(0, 20) + "'";
        return HeadParse::Bad;
    }
    std::size_t q = request.target.find('?');
    request.path = request.target.substr(0, q);
    if (q != std::string::npos)
        request.query = request.target.substr(q + 1);

    while (!head.empty()) {
        lineEnd = head.find('\n');
        std::string_view h = head.substr(0, lineEnd);
        head.remove_prefix(lineEnd == std::string_view::npos ? head.size() : lineEnd + 1);
        if (!h.empty() && h.back() == '\r')
            h.remove_suffix(1);
        if (h.empty())
            continue;
        if (hasControl(h)) {
            error = "header line '" + std::string(h.substr(0, h.find(':'))).substr(0, 80)
                    + "' has a control character";
            return HeadParse::Bad;
        }
        if (h.front() == ' ' || h.front() == '\t') {
            error = "obsolete header folding";
            return HeadParse::Bad;
        }
        std::size_t colon = h.find(':');
        if (colon == 0 || colon == std::string_view::npos) {
            error = "header line '" + std::string(h.substr(0, 80)) + "' has no name";
            return HeadParse::Bad;
        }
        std::string_view name = h.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), isTokenChar)) {
            error = "bad header name '" + std::string(name.substr(0, 80)) + "'";
            return HeadParse::Bad;
        }
        request.headers.emplace_back(std::string(name), std::string(trim(h.substr(colon + 1))));
    }
    out = std::move(request);
    return HeadParse::Complete;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
    }
}

std::string serializeResponse(const HttpResponse &response, bool includeBody)
{
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " "
                      + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.empty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    out += "Connection: close\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (includeBody)
        out += response.body;
    return out;
}

std::string webSocketAcceptKey(std::string_view secWebSocketKey)
{
    Poco::SHA1Engine sha1;
    sha1.update(std::string(secWebSocketKey) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    const Poco::DigestEngine::Digest &digest = sha1.digest();
    std::ostringstream os;
    Poco::Base64Encoder encoder(os);
    encoder.write(reinterpret_cast<const char *>(digest.data()),
                  static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return os.str();
}

} // namespace acd::net
