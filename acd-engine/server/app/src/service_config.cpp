#include "service_config.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace acd::server {
namespace {

std::string trim(std::string_view s)
{
    std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos)
        return {};
    std::size_t e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

template<typename T>
bool number(const std::string &text, T &out, T min, T max)
{
    T v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
        return false;
    out = v;
    return true;
}

} // namespace

std::optional<std::pair<std::string, std::uint16_t>> parseListen(const std::string &text)
{
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return std::nullopt;
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    std::uint16_t port = 0;
    if (!number<std::uint16_t>(text.substr(colon + 1), port, 0, 65535))
        return std::nullopt;
    return std::make_pair(host, port);
}

std::optional<ServiceConfig> parseServiceConfig(const std::string &text, const std::string &name,
                                                std::vector<std::string> &errors)
{
    ServiceConfig config;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    std::string section;
    ProviderEntry *provider = nullptr;
    std::map<std::string, int> seen; // "section.key" -> line
    auto error = [&](const std::string &field, const std::string &what) {
        errors.push_back(name + ":" + std::to_string(lineNo) + ": " + field + ": " + what);
    };
    while (std::getline(in, line)) {
        ++lineNo;
        std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == ';')
            continue;
        if (t.front() == '[') {
            if (t.back() != ']') {
                error("section", "expected ']'");
                continue;
            }
            std::string inner = trim(std::string_view(t).substr(1, t.size() - 2));
            provider = nullptr;
            if (inner.rfind("provider", 0) == 0) {
                section = "provider";
                config.providers.push_back({trim(inner.substr(8)), "", ""});
                provider = &config.providers.back();
                if (provider->name.empty())
                    provider->name = "provider" + std::to_string(config.providers.size());
                continue;
            }
            if (inner != "engine" && inner != "tls" && inner != "log" && inner != "limits") {
                error("section", "unknown section [" + inner + "]");
                section.clear();
                continue;
            }
            section = inner;
            continue;
        }
        std::size_t eq = t.find('=');
        if (eq == std::string::npos) {
            error("line", "expected 'key = value'");
            continue;
        }
        std::string key = trim(std::string_view(t).substr(0, eq));
        std::string value = trim(std::string_view(t).substr(eq + 1));
        if (section.empty()) {
            error(key, "outside a section");
            continue;
        }
        std::string field = section + "." + key;
        std::string scope = provider ? "provider " + provider->name + "." + key : field;
        if (auto [it, fresh] = seen.emplace(scope, lineNo); !fresh) {
            error(field, "repeated (first on line " + std::to_string(it->second) + ")");
            continue;
        }
        if (section == "engine" && key == "listen") {
            auto listen = parseListen(value);
            if (!listen)
                error(field, "expected HOST:PORT, got '" + value + "'");
            else
                std::tie(config.listenHost, config.listenPort) = *listen;
        } else if (section == "engine" && key == "database") {
            config.database = value;
        } else if (section == "engine" && key == "contact-center") {
            config.contactCenter = value;
        } else if (section == "engine" && key == "external-proxy-lines") {
            std::istringstream list(value);
            std::string item;
            while (std::getline(list, item, ','))
                if (!trim(item).empty())
                    config.externallyProxiedLines.push_back(trim(item));
        } else if (section == "provider" && key == "library") {
            provider->library = value;
        } else if (section == "provider" && key == "config") {
            provider->config = value;
        } else if (section == "tls" && key == "certificate") {
            config.tlsCertificate = value;
        } else if (section == "tls" && key == "key") {
            config.tlsKey = value;
        } else if (section == "log" && key == "level") {
            static const char *levels[] = {"fatal",  "critical",    "error", "warning",
                                           "notice", "information", "debug", "trace"};
            bool ok = false;
            for (const char *l : levels)
                ok = ok || value == l;
            if (!ok)
                error(field, "unknown level '" + value + "' (fatal .. trace)");
            config.logLevel = value;
        } else if (section == "log" && key == "target") {
            if (value != "console" && value != "syslog" && value.rfind("file:", 0) != 0)
                error(field, "expected console, syslog or file:PATH, got '" + value + "'");
            config.logTarget = value;
        } else if (section == "limits" && key == "max-connections") {
            if (!number<std::size_t>(value, config.maxConnections, 1, 1000000))
                error(field, "expected 1..1000000, got '" + value + "'");
        } else if (section == "limits" && key == "outbound-queue-bytes") {
            if (!number<std::size_t>(value, config.outboundQueueBytes, 4096, 1u << 30))
                error(field, "expected 4096..1073741824, got '" + value + "'");
        } else if (section == "limits" && key == "heartbeat-ms") {
            if (!number<int>(value, config.heartbeatMs, 1000, 3600000))
                error(field, "expected 1000..3600000, got '" + value + "'");
        } else if (section == "limits" && key == "max-messages-per-second") {
            if (!number<unsigned>(value, config.maxMessagesPerSecond, 10, 1000000))
                error(field, "expected 10..1000000, got '" + value + "'");
        } else if (section == "limits" && key == "stream-write-ms") {
            if (!number<std::uint32_t>(value, config.streamWriteMs, 0, 1000))
                error(field, "expected 0..1000, got '" + value + "'");
        } else if (section == "limits" && key == "io-threads") {
            if (!number<int>(value, config.ioThreads, 1, 64))
                error(field, "expected 1..64, got '" + value + "'");
        } else {
            error(field, "unknown key '" + key + "'");
        }
    }
    lineNo = 0;
    for (const ProviderEntry &p : config.providers)
        if (p.library.empty())
            errors.push_back(name + ": provider " + p.name + ".library: missing");
    if (config.providers.empty())
        errors.push_back(name + ": provider: at least one [provider NAME] section is needed");
    if (config.tlsCertificate.empty() != config.tlsKey.empty())
        errors.push_back(name + ": tls: certificate and key go together");
    if (!errors.empty())
        return std::nullopt;
    return config;
}

std::optional<ServiceConfig> readServiceConfig(const std::string &path,
                                               std::vector<std::string> &errors)
{
    std::ifstream in(path);
    if (!in) {
        errors.push_back(path + ": cannot be read");
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return parseServiceConfig(text.str(), path, errors);
}

} // namespace acd::server
