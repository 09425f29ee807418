#pragma once
// The service's own configuration file (acd-engine.conf): where to listen, the database, the
// providers, TLS, logging, limits. INI-style; every error names the file, the line and the
// field. The contact center itself (queues, agents, ...) lives in the database, imported
// once from a JSON file (db/examples/config.json's format).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace acd::server {

struct ProviderEntry {
    std::string name;    ///< from "[provider NAME]"
    std::string library; ///< path of libtsp_*.so
    std::string config;  ///< the provider's configuration string
};

struct ServiceConfig {
    std::string listenHost = "127.0.0.1";
    std::uint16_t listenPort = 7400;
    std::string database;      ///< SQLite file; empty: a demo database in the temp directory
    std::string contactCenter; ///< JSON imported into an empty database
    std::vector<ProviderEntry> providers;
    std::vector<std::string> externallyProxiedLines;
    std::string tlsCertificate;
    std::string tlsKey;
    std::string logLevel = "information";
    std::string logTarget = "console"; ///< console, syslog or file:PATH
    std::size_t maxConnections = 10000;
    std::size_t outboundQueueBytes = 4u << 20;
    int heartbeatMs = 15000;
    int ioThreads = 1;
    /// Connections subscribed to every event are written at most once per this many ms.
    std::uint32_t streamWriteMs = 10;
    /// Inbound WebSocket frames per connection and second before it is closed (1008): a TAPI
    /// program reads two structures per line at start, a desktop on a large switch hundreds.
    unsigned maxMessagesPerSecond = 2000;
    bool demo = false; ///< the embedded default (no file)
};

/// Parses "HOST:PORT" (PORT 0..65535); nullopt when malformed.
std::optional<std::pair<std::string, std::uint16_t>> parseListen(const std::string &text);

/// Reads `path`. On errors returns nullopt and fills `errors` ("FILE:LINE: field: what").
std::optional<ServiceConfig> readServiceConfig(const std::string &path,
                                               std::vector<std::string> &errors);
/// The same from text (`name` stands for the file in messages).
std::optional<ServiceConfig> parseServiceConfig(const std::string &text, const std::string &name,
                                                std::vector<std::string> &errors);

} // namespace acd::server
