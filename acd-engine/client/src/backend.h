#pragma once
// The two seams of libtapi.
//
//   C exports (tapi_line.cpp, tapi_callcenter.cpp)
//        |  Binding: the TAPI functions without a ClientId (one per process)
//        v
//   InProcessBinding --loop.invoke--> TapiBackend (ClientId first, like acd::tapi::Server)
//        (a remote WebSocket binding will implement Binding too)      |
//                                                    ServerBackend wraps acd::tapi::Server;
//                                                    tests put a fake here.
// Both interfaces are generated from tapi_functions.def so they cannot drift from the Server.
#include "tapi.h"

#include <acd/tapi/server.h>

#include <memory>

namespace acd::tapi::client {

using acd::tapi::AppIdentity;
using acd::tapi::ClientId;
using acd::tapi::MessageSink;
using acd::tapi::StringEncoding;

#define TAPI_UNPACK(...) __VA_ARGS__

/// The Server's TAPI methods, as an interface. Called on the engine thread only.
class TapiBackend {
public:
    virtual ~TapiBackend() = default;
    virtual LONG lineInitializeEx(ClientId client, LPHLINEAPP lphLineApp,
                                  std::shared_ptr<MessageSink> sink, const char *friendlyAppName,
                                  const AppIdentity &identity, LPDWORD lpdwNumDevs,
                                  LPDWORD lpdwAPIVersion) = 0;
    virtual void dropClient(ClientId client) = 0;
#define TAPI_FN(name, args, ...) virtual LONG name(ClientId client, __VA_ARGS__) = 0;
#include "tapi_functions.def"
#undef TAPI_FN
};

/// What the C exports call: the TAPI functions of this process's one client. Thread-safe;
/// strings are UTF-8 (W entry points convert first and pass StringEncoding::Utf16).
class Binding {
public:
    virtual ~Binding() = default;
    virtual LONG lineInitializeEx(LPHLINEAPP lphLineApp, std::shared_ptr<MessageSink> sink,
                                  const char *friendlyAppName, const AppIdentity &identity,
                                  LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion) = 0;
    /// The binding is going away: the client's applications are shut down.
    virtual void close() = 0;
#define TAPI_FN(name, args, ...) virtual LONG name(__VA_ARGS__) = 0;
#include "tapi_functions.def"
#undef TAPI_FN
};

/// The ClientId libtapi uses in process (one client per process).
inline constexpr ClientId kInProcessClient = 1;

/// Installs `binding` as the process's binding (replacing and closing any previous one);
/// nullptr detaches. Used by attachInProcess/detach and by tests with a fake backend.
void setBinding(std::shared_ptr<Binding> binding);
/// The current binding, or nullptr.
std::shared_ptr<Binding> currentBinding();

} // namespace acd::tapi::client
