// Construction, the provider callbacks, handle lookups, message delivery and the table of
// asynchronous requests.
#include "server_impl.h"

#include <atomic>

namespace acd::tapi {
namespace {

// ASYNC_COMPLETION carries no context: one server per process receives completions.
std::atomic<Server::Impl *> g_server{nullptr};

std::uint32_t callOf(HTAPICALL htCall)
{
    return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(htCall));
}

void CALLBACK lineEventProc(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1,
                            DWORD_PTR p2, DWORD_PTR p3)
{
    // No global state: the line's Device names the server (another copy of this code in the
    // process, e.g. libtapi's and a program's, must not matter).
    const auto *line = reinterpret_cast<const Device *>(htLine);
    Server::Impl *server = line->owner;
    DWORD device = line->id;
    if (msg == LINE_NEWCALL) {
        // The provider needs our handle before this returns; the rest waits for the loop.
        std::uint32_t id = server->nextCallId++;
        *reinterpret_cast<LPHTAPICALL>(p2) =
            reinterpret_cast<HTAPICALL>(static_cast<std::uintptr_t>(id));
        auto hdCall = reinterpret_cast<HDRVCALL>(p1);
        server->later([device, id, hdCall](Server::Impl &s) { s.onNewCall(device, id, hdCall); });
        return;
    }
    std::uint32_t call = callOf(htCall);
    server->later([device, call, msg, p1, p2, p3](Server::Impl &s) {
        s.onLineEvent(device, call, msg, p1, p2, p3);
    });
}

} // namespace

LINEEVENT serverLineEventProc()
{
    return &lineEventProc;
}

void CALLBACK Server::providerCompletion(DWORD requestId, LONG result)
{
    Server::Impl *server = g_server.load();
    if (!server)
        return;
    server->later([requestId, result](Server::Impl &s) { s.onCompletion(requestId, result); });
}

Server::Impl::Impl(tsp::ProviderLoader &providerLoader, Post postFn)
    : loader(providerLoader)
    , post(std::move(postFn))
{}

Server::Server(tsp::ProviderLoader &providers, Post post)
    : m_impl(std::make_unique<Impl>(providers, std::move(post)))
{
    Impl &s = *m_impl;
    s.devices.resize(providers.totalLines());
    for (DWORD id = 0; id < providers.totalLines(); ++id) {
        Device &d = s.devices[id];
        d.owner = &s;
        d.id = id;
        d.provider = providers.providerForDevice(id);
        providers.negotiateLine(id, d.tspiVersion);
        // The first address names the line: agents find their station by extension.
        std::vector<std::max_align_t> buffer;
        if (s.queryProvider<LINEADDRESSCAPS>(buffer,
                                             [&](LINEADDRESSCAPS *caps) {
                                                 return d.provider->tspi.lineGetAddressCaps(
                                                     id, 0, d.tspiVersion, 0, caps);
                                             })
            == 0) {
            auto *caps = reinterpret_cast<const LINEADDRESSCAPS *>(buffer.data());
            if (caps->dwAddressSize > 1)
                d.address.assign(reinterpret_cast<const char *>(caps) + caps->dwAddressOffset,
                                 caps->dwAddressSize - 1);
        }
        std::vector<std::max_align_t> devBuffer;
        if (s.queryProvider<LINEDEVCAPS>(devBuffer,
                                         [&](LINEDEVCAPS *caps) {
                                             return d.provider->tspi.lineGetDevCaps(
                                                 id, d.tspiVersion, 0, caps);
                                         })
            == 0)
            d.numAddresses = std::max<DWORD>(
                1, reinterpret_cast<const LINEDEVCAPS *>(devBuffer.data())->dwNumAddresses);
    }
    for (const Device &d : s.devices)
        if (!d.address.empty())
            s.deviceByAddress.emplace(d.address, d.id);
    g_server.store(m_impl.get());
}

std::string Server::deviceAddress(DWORD deviceId) const
{
    return deviceId < m_impl->devices.size() ? m_impl->devices[deviceId].address : std::string();
}

void Server::setStationScoped(ClientId client, bool scoped)
{
    if (scoped)
        m_impl->stationScopedClients.insert(client);
    else
        m_impl->stationScopedClients.erase(client);
}

const std::set<DWORD> &Server::devicesWantingAllAcdStatus() const
{
    return m_impl->devicesWantingAllAcdStatus;
}

const std::set<DWORD> &Server::devicesOfStationScopedClients() const
{
    return m_impl->devicesOfStationScopedClients;
}

void Server::Impl::countClientOpen(Device &d, DWORD device, ClientId client, bool scoped,
                                   int delta)
{
    if (client == kEngineClient)
        return;
    const int clients = d.clientOpens;
    const int scopedClients = d.scopedOpens;
    d.clientOpens += delta;
    if (scoped)
        d.scopedOpens += delta;
    auto update = [device](std::set<DWORD> &set, bool before, bool after) {
        if (before && !after)
            set.erase(device);
        else if (after && !before)
            set.insert(device);
    };
    update(devicesOpenedByClients, clients > 0, d.clientOpens > 0);
    update(devicesWantingAllAcdStatus, clients - scopedClients > 0, d.clientOpens - d.scopedOpens > 0);
    update(devicesOfStationScopedClients, scopedClients > 0, d.scopedOpens > 0);
}

const std::set<DWORD> &Server::devicesOpenedByClients() const
{
    return m_impl->devicesOpenedByClients;
}

Server::~Server()
{
    Impl &s = *m_impl;
    g_server.store(nullptr); // no completion may reach a server being torn down
    std::vector<HLINEAPP> apps;
    for (auto &[h, app] : s.apps)
        apps.push_back(h);
    for (HLINEAPP h : apps)
        s.shutdownApp(h);
    s.alive->store(false);
}

void Server::setNewCallHook(NewCallHook hook)
{
    m_impl->newCallHook = std::move(hook);
}

DWORD Server::numDevices() const
{
    return static_cast<DWORD>(m_impl->devices.size());
}

DWORD Server::deviceByAddress(const std::string &address) const
{
    auto it = m_impl->deviceByAddress.find(address);
    return it == m_impl->deviceByAddress.end() ? LINEMAPPER : it->second;
}

void Server::dropClient(ClientId client)
{
    Impl &s = *m_impl;
    std::vector<HLINEAPP> gone;
    for (auto &[h, app] : s.apps)
        if (app.client == client)
            gone.push_back(h);
    for (HLINEAPP h : gone)
        s.shutdownApp(h);
    s.stationScopedClients.erase(client);
}

void Server::Impl::later(std::function<void(Impl &)> work)
{
    post([this, alive = alive, work = std::move(work)] {
        if (alive->load())
            work(*this);
    });
}

// ---- Lookups ------------------------------------------------------------------------------

DWORD Server::Impl::newRequestId()
{
    // Positive as a LONG, never 0, never one still pending.
    do {
        nextRequestId = (nextRequestId & 0x7FFFFFFF) == 0 ? 1 : nextRequestId;
    } while (requests.count(nextRequestId) && ++nextRequestId);
    return nextRequestId++;
}

App *Server::Impl::app(ClientId client, HLINEAPP h)
{
    auto it = apps.find(h);
    return it == apps.end() || it->second.client != client ? nullptr : &it->second;
}

LineOpen *Server::Impl::line(ClientId client, HLINE h)
{
    auto it = lines.find(h);
    if (it == lines.end())
        return nullptr;
    return apps.at(it->second.app).client == client ? &it->second : nullptr;
}

CallHandle *Server::Impl::callHandle(ClientId client, HCALL h)
{
    auto it = callHandles.find(h);
    if (it == callHandles.end())
        return nullptr;
    return line(client, it->second.line) ? &it->second : nullptr;
}

LONG Server::Impl::checkDevice(ClientId client, HLINEAPP h, DWORD device, DWORD apiVersion,
                               DWORD lowestVersion)
{
    if (!app(client, h))
        return LINEERR_INVALAPPHANDLE;
    if (device >= devices.size())
        return LINEERR_BADDEVICEID;
    if (apiVersion < lowestVersion || apiVersion > kHighestApiVersion)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    return 0;
}

// ---- Messages -----------------------------------------------------------------------------

void Server::Impl::send(HLINEAPP h, DWORD hDevice, DWORD msg, DWORD_PTR instance, DWORD_PTR p1,
                        DWORD_PTR p2, DWORD_PTR p3)
{
    auto it = apps.find(h);
    if (it == apps.end() || !it->second.sink)
        return;
    LINEMESSAGE m{};
    m.hDevice = hDevice;
    m.dwMessageID = msg;
    m.dwCallbackInstance = instance;
    m.dwParam1 = p1;
    m.dwParam2 = p2;
    m.dwParam3 = p3;
    it->second.sink->deliver(m);
}

void Server::Impl::sendToLine(const LineOpen &open, DWORD hDevice, DWORD msg, DWORD_PTR p1,
                              DWORD_PTR p2, DWORD_PTR p3)
{
    send(open.app, hDevice, msg, open.instance, p1, p2, p3);
}

// ---- Requests -----------------------------------------------------------------------------

Request &Server::Impl::addRequest(HLINEAPP appHandle, HLINE lineHandle)
{
    DWORD id = newRequestId();
    Request &r = requests[id];
    r.id = id;
    r.app = appHandle;
    r.line = lineHandle;
    return r;
}

void Server::Impl::dropRequest(DWORD requestId)
{
    auto it = requests.find(requestId);
    if (it == requests.end())
        return;
    if (!it->second.proxyBuffer.empty())
        proxyRequestByBuffer.erase(it->second.proxyBuffer.data());
    requests.erase(it);
}

void Server::Impl::complete(DWORD requestId, LONG result)
{
    auto it = requests.find(requestId);
    if (it == requests.end())
        return; // completed already, or its app shut down
    if (it->second.onComplete && !it->second.onComplete(result))
        return; // a further step was started under the same ID
    HLINEAPP appHandle = it->second.app;
    DWORD_PTR instance = 0;
    if (auto l = lines.find(it->second.line); l != lines.end())
        instance = l->second.instance;
    dropRequest(requestId);
    send(appHandle, 0, LINE_REPLY, instance, requestId,
         static_cast<DWORD_PTR>(static_cast<DWORD>(result)), 0);
}

void Server::Impl::onCompletion(DWORD requestId, LONG result)
{
    auto it = requests.find(requestId);
    if (it == requests.end() || it->second.proxyLine != 0)
        return; // a provider cannot complete a proxy request
    complete(requestId, result);
}

} // namespace acd::tapi
