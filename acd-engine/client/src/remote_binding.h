#pragma once
// The remote Binding: libtapi in a process without an engine talks to a running acd-engine
// over the protocol of docs/protocol.md ("Remote TAPI"), one request per TAPI call.
//
// Chosen by bindingOrStartHost() when nothing is attached in process and a server is
// configured: TAPI_SERVER=host:port or wss://host:port (user and password from
// TAPI_USER/TAPI_PASSWORD, the CA file for wss:// from TAPI_CA_FILE), or a `server=` line in
// ~/.config/acd/tapi.conf or /etc/acd/tapi.conf (with `user=`, `password=` and `ca=`; the
// environment wins key by key).
//
// lineInitializeEx connects (WebSocket ws://HOST:PORT/acd/v1, then hello) when there is no
// connection: LINEERR_NODRIVER when the engine cannot be reached, LINEERR_OPERATIONFAILED when
// it refuses the user. One reader thread receives responses (handed to the waiting caller) and
// `tapi` events (into the applications' queues; asynchronous outputs are written into the
// caller's buffers before LINE_REPLY is queued) and answers the engine's pings. When the
// connection is lost (closed, broken, or silent for three heartbeats), every pending
// asynchronous request gets exactly one LINE_REPLY with LINEERR_OPERATIONFAILED, every open
// line gets LINE_CLOSE, blocked callers return LINEERR_OPERATIONFAILED, and the next
// lineInitializeEx connects again.
#include "backend.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace acd::tapi::client {

struct RemoteSettings {
    std::string host;
    std::uint16_t port = 0;
    std::string user;
    std::string password;
    bool tls = false;   ///< wss://: the engine's certificate is verified (chain and host name)
    std::string caFile; ///< PEM file of the CA(s) to trust; empty: the system's CAs
    friend bool operator==(const RemoteSettings &, const RemoteSettings &) = default;
};

/// The configured engine (environment, then the config files), or nothing.
std::optional<RemoteSettings> remoteSettings();

/// A remote binding for `settings` (it connects at the first lineInitializeEx).
std::shared_ptr<Binding> makeRemoteBinding(const RemoteSettings &settings);

/// The fuzz target's entry (tests/fuzz/tapi_remote_fuzz.cpp): feeds `text`, one message per
/// line, to the reader of an unconnected remote binding that has an application, a request
/// waiting for its response and one waiting for its LINE_REPLY, as if the engine sent them.
void fuzzRemoteMessages(const std::string &text);

} // namespace acd::tapi::client
