#pragma once
// libtapi's C++ side (not installed): how the process's TAPI functions reach an engine.
//
// libtapi forwards every TAPI function of tapi.h to one binding. In process, the binding runs
// the call on the engine loop with EngineLoop::invoke and passes ClientId 1 to the
// acd::tapi::Server; a remote binding (WebSocket to an acd-engine) comes later and the C
// exports do not know which one runs.
//
// Choosing the binding: whoever owns the engine calls attachInProcess() before the
// application's first lineInitializeEx. When nothing is attached at lineInitializeEx time,
// libtapi calls the default host starter (set by the engine host to start the embedded
// default engine, which attaches itself); if there is none, it fails or it attaches nothing,
// lineInitializeEx returns LINEERR_NODRIVER.
//
// All functions are thread-safe.
#include <functional>
#include <string>

namespace acd::tapi {
class EngineLoop;
class Server;
} // namespace acd::tapi

#define ACD_TAPI_CLIENT_API __attribute__((visibility("default")))

namespace acd::tapi::client {

/// Starts an engine and attaches it (attachInProcess); returns false with `error` set on
/// failure.
using HostStarter = std::function<bool(std::string &error)>;

/// Binds libtapi to `server`, run on `loop`'s thread. Both must outlive detach(). Replaces
/// (and detaches) a previous binding. Only in a libtapi built with the TAPI server.
ACD_TAPI_CLIENT_API void attachInProcess(EngineLoop &loop, Server &server);

/// Unbinds: the applications of this process are shut down in the server (dropClient), their
/// message queues stop (a blocked lineGetMessage returns LINEERR_INVALAPPHANDLE) and every
/// later TAPI call fails until a new binding is attached. Call it before stopping the loop.
ACD_TAPI_CLIENT_API void detach();

/// Sets (or clears, with an empty function) the hook lineInitializeEx calls when nothing is
/// attached.
ACD_TAPI_CLIENT_API void setDefaultHostStarter(HostStarter starter);

} // namespace acd::tapi::client
