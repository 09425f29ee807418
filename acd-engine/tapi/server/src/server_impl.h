#pragma once
// The TAPI server's state. Every member is touched on the engine thread only; the static
// provider callbacks (server_provider_events.cpp) post into it.
#include "acd/tapi/server.h"
#include "acd/tsp/provider_loader.h"
#include "tspi.h"

#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace acd::tapi {

inline constexpr DWORD kLowestApiVersion = TAPI_VERSION2_0;
inline constexpr DWORD kHighestApiVersion = TAPI_VERSION2_2;
inline constexpr DWORD kProxyRequestTypes = 20; // LINEPROXYREQUEST_ 1..20

struct App {
    HLINEAPP handle = 0;
    ClientId client = 0;
    std::shared_ptr<MessageSink> sink;
    std::string name;
    AppIdentity identity;
    std::map<DWORD, DWORD> negotiated; ///< device -> API version
    std::set<HLINE> lines;
};

struct Device {
    Server::Impl *owner = nullptr; ///< HTAPILINE is the Device's address: callbacks find us
    DWORD id = 0;
    const tsp::LoadedProvider *provider = nullptr;
    DWORD tspiVersion = 0;
    DWORD numAddresses = 1;
    std::string address; ///< the first address (station extension or route point)
    HDRVLINE hdLine = nullptr;
    std::set<HLINE> opens;
    std::map<DWORD, HLINE> proxies; ///< request type -> proxy's line
    std::set<std::uint32_t> calls;
    int clientOpens = 0; ///< opens by clients other than kEngineClient
    int scopedOpens = 0; ///< of those, opens by station-scoped clients
};

struct LineOpen {
    HLINE handle = 0;
    HLINEAPP app = 0;
    DWORD device = 0;
    DWORD apiVersion = 0;
    DWORD_PTR instance = 0;
    DWORD privileges = 0; ///< LINECALLPRIVILEGE_ bits (options stripped)
    std::vector<DWORD> proxyTypes;
    DWORD lineStates = 0;
    DWORD addressStates = 0;
    std::set<HCALL> calls;
    /// Handles of this open whose call went IDLE, oldest first (some may have been
    /// deallocated since), and how many of them the application still holds (at most
    /// Server::kMaxIdleCallHandlesPerLine).
    std::deque<HCALL> idleCalls;
    std::size_t idleHeld = 0;
    bool stationScoped = false; ///< counted as a station-scoped client's open
};

struct Call {
    std::uint32_t id = 0; ///< also the HTAPICALL given to the provider
    DWORD device = 0;
    HDRVCALL hdCall = nullptr;
    bool confirmed = false; ///< the provider knows it (NEWCALL or a completed create)
    bool announced = false; ///< apps other than the creator were told (APPNEWCALL)
    DWORD state = 0;        ///< last LINECALLSTATE_, 0 before the first
    DWORD mode = 0;
    DWORD callId = 0; ///< the switch's dwCallID
    std::vector<BYTE> callData;
    std::map<HLINE, HCALL> handles; ///< one per line open that sees the call
    HLINE creator = 0;              ///< the line of the app that made it; 0 for inbound
};

struct CallHandle {
    HCALL handle = 0;
    HLINE line = 0;
    std::uint32_t call = 0;
    DWORD privilege = LINECALLPRIVILEGE_MONITOR;
    bool stateSent = false; ///< the first LINE_CALLSTATE carries the privilege in dwParam3
    bool idleHeld = false;  ///< its call went IDLE: counted in LineOpen::idleHeld
};

/// An asynchronous request in flight: completed exactly once by complete().
struct Request {
    DWORD id = 0;
    HLINEAPP app = 0;
    HLINE line = 0; ///< for the LINE_REPLY's callback instance; 0 when none
    /// Writes the outputs on success (or undoes on failure); may chain another step by
    /// returning false (then the request stays pending).
    std::function<bool(LONG &result)> onComplete;
    // Proxy requests: the buffer the proxy fills and the proxy's line.
    std::vector<std::max_align_t> proxyBuffer;
    HLINE proxyLine = 0;
};

class Server::Impl {
public:
    Impl(tsp::ProviderLoader &loader, Post post);

    tsp::ProviderLoader &loader;
    Post post;
    NewCallHook newCallHook;

    std::vector<Device> devices;
    std::map<std::string, DWORD> deviceByAddress;
    std::set<DWORD> devicesOpenedByClients;
    std::set<ClientId> stationScopedClients;
    std::set<DWORD> devicesWantingAllAcdStatus;
    std::set<DWORD> devicesOfStationScopedClients;
    /// Counts an open of device `d` by `client` in the sets above (+1 or -1).
    void countClientOpen(Device &d, DWORD device, ClientId client, bool scoped, int delta);
    std::map<HLINEAPP, App> apps;
    std::map<HLINE, LineOpen> lines;
    std::map<HCALL, CallHandle> callHandles;
    std::map<std::uint32_t, Call> calls;
    std::map<DWORD, Request> requests;
    std::map<const void *, DWORD> proxyRequestByBuffer;
    /// Call data of calls redirected away, by switch call ID, for the call that appears at
    /// the destination (the ACD's queue data follows the call from route point to station).
    /// Bounded: a call that never reappears under its ID (a transfer the switch re-keys) must
    /// not leak its entry; the oldest entries go first.
    std::map<DWORD, std::vector<BYTE>> callDataInTransit;
    std::deque<DWORD> transitOrder;
    static constexpr std::size_t kMaxCallDataInTransit = 4096;
    void putInTransit(DWORD switchCallId, const std::vector<BYTE> &data);

    DWORD nextHandle = 0x00010001;
    /// HTAPICALL values; provider threads take them in LINE_NEWCALL.
    std::atomic<std::uint32_t> nextCallId{1};
    /// Shared with posted work: false once the server is gone.
    std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
    DWORD nextRequestId = 1;

    DWORD newHandle() { return nextHandle++; }
    /// Runs `work` on the engine thread after the current operation, if the server still
    /// exists then.
    void later(std::function<void(Impl &)> work);
    DWORD newRequestId();

    // Lookups that validate ownership: nullptr when the handle is unknown or of another client.
    App *app(ClientId client, HLINEAPP h);
    LineOpen *line(ClientId client, HLINE h);
    CallHandle *callHandle(ClientId client, HCALL h);
    /// The checks of the functions taking hLineApp + device + version, in TAPI's order: 0,
    /// LINEERR_INVALAPPHANDLE, LINEERR_BADDEVICEID or LINEERR_INCOMPATIBLEAPIVERSION.
    LONG checkDevice(ClientId client, HLINEAPP h, DWORD device, DWORD apiVersion,
                     DWORD lowestVersion = kLowestApiVersion);
    const tsp::TspiFunctions &tspi(DWORD device) const { return devices[device].provider->tspi; }
    /// Fills `out` with the provider's structure, growing the buffer until it fits.
    template<typename T, typename Fill>
    LONG queryProvider(std::vector<std::max_align_t> &out, Fill fill);

    // Messages.
    void send(HLINEAPP app, DWORD hDevice, DWORD msg, DWORD_PTR instance, DWORD_PTR p1,
              DWORD_PTR p2, DWORD_PTR p3);
    void sendToLine(const LineOpen &open, DWORD hDevice, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                    DWORD_PTR p3);

    // Requests.
    Request &addRequest(HLINEAPP app, HLINE line);
    void complete(DWORD requestId, LONG result);
    void dropRequest(DWORD requestId);

    // Calls.
    Call &newCall(DWORD device);
    HCALL addHandle(Call &call, LineOpen &open, DWORD privilege);
    void removeHandle(HCALL h);
    void releaseCallIfUnused(std::uint32_t callId);
    /// Records that `handle` of `open` is IDLE; deallocates the open's oldest idle handles
    /// beyond Server::kMaxIdleCallHandlesPerLine.
    void noteIdleHandle(LineOpen &open, HCALL handle);
    void announce(Call &call);
    /// The completion of a request that creates a call (make, consultation, conference): on
    /// success the call is confirmed and `*out` gets the app's handle; on failure the
    /// half-made call goes.
    std::function<bool(LONG &)> newCallCompletion(std::uint32_t callId, HCALL handle, LPHCALL out);
    /// Starts an asynchronous provider operation on a call the caller may control.
    LONG callRequest(ClientId client, HCALL hCall, bool needOwner,
                     const std::function<LONG(DWORD requestId, Call &call)> &start);

    // Proxy requests (proxy.cpp).
    struct ProxyCall {
        DWORD type = 0;
        std::size_t unionBytes = 0;       ///< the union member, embedded structure included
        std::vector<std::string> strings; ///< UTF-8, appended as UTF-16 after the union
        /// Writes the inputs; `strings` gives each appended string's (size, offset).
        std::function<void(LINEPROXYREQUEST &, const std::vector<std::pair<DWORD, DWORD>> &)> fill;
        /// On success: copies the outputs to the client.
        std::function<void(const LINEPROXYREQUEST &)> output;
    };
    LONG startProxy(const App &app, HLINE clientLine, DWORD device, DWORD apiVersion,
                    StringEncoding encoding, ProxyCall call);

    // Lines.
    LONG closeLine(HLINE h, bool notifyApp);
    void shutdownApp(HLINEAPP h);

    // Provider events (on the engine thread).
    void onNewCall(DWORD device, std::uint32_t callId, HDRVCALL hdCall);
    void onLineEvent(DWORD device, std::uint32_t callId, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                     DWORD_PTR p3);
    void onCompletion(DWORD requestId, LONG result);
};

} // namespace acd::tapi

namespace acd::tapi {

template<typename T, typename Fill>
LONG Server::Impl::queryProvider(std::vector<std::max_align_t> &out, Fill fill)
{
    DWORD size = 2048;
    for (int attempt = 0; attempt < 4; ++attempt) {
        out.assign((size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t),
                   std::max_align_t{});
        T *s = reinterpret_cast<T *>(out.data());
        s->dwTotalSize = size;
        LONG result = fill(s);
        if (result != 0)
            return result;
        if (s->dwNeededSize <= s->dwTotalSize)
            return 0;
        size = s->dwNeededSize;
    }
    return LINEERR_NOMEM;
}

/// The LINEEVENT procedure given to TSPI_lineOpen (HTAPILINE = the Device's address).
LINEEVENT serverLineEventProc();

} // namespace acd::tapi
