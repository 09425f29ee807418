// An agent program for the remote TAPI tests: plain tapi.h through libtapi, which finds the
// engine from TAPI_SERVER / TAPI_USER / TAPI_PASSWORD. It logs an agent in at a station,
// goes Ready, waits for the call the ACD offers, answers it, optionally transfers it, waits
// for it to end, logs out and prints each step on its own line (stdout, flushed):
//
//   remote_agent AGENT PIN STATION [--transfer EXT] [--timeout-ms N]
//
// Exit status 0 when every step succeeded, 1 otherwise (the failing step is printed).
#include "tapi.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

HLINEAPP g_app = 0;
DWORD g_numDevs = 0;
std::vector<LINEMESSAGE> g_seen;
std::size_t g_scanned = 0;
int g_timeoutMs = 20000;

void say(const std::string &line)
{
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

[[noreturn]] void fail(const std::string &what, LONG code)
{
    char text[64];
    std::snprintf(text, sizeof text, " failed 0x%08x", static_cast<unsigned>(code));
    say(what + text);
    if (g_app)
        lineShutdown(g_app);
    std::exit(1);
}

template<class F>
const LINEMESSAGE *waitFor(F match, int timeoutMs = g_timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        for (; g_scanned < g_seen.size(); ++g_scanned)
            if (match(g_seen[g_scanned]))
                return &g_seen[g_scanned++];
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0)
            return nullptr;
        LINEMESSAGE m{};
        LONG r = lineGetMessage(g_app, &m, static_cast<DWORD>(left));
        if (r == 0)
            g_seen.push_back(m);
        else if (r != LINEERR_OPERATIONFAILED)
            return nullptr;
    }
}

LONG reply(LONG id)
{
    if (id <= 0)
        return id;
    for (const LINEMESSAGE &m : g_seen)
        if (m.dwMessageID == LINE_REPLY && m.dwParam1 == static_cast<DWORD_PTR>(id))
            return static_cast<LONG>(static_cast<DWORD>(m.dwParam2));
    const LINEMESSAGE *m = waitFor([&](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_REPLY && x.dwParam1 == static_cast<DWORD_PTR>(id);
    });
    return m ? static_cast<LONG>(static_cast<DWORD>(m->dwParam2)) : LINEERR_OPERATIONFAILED;
}

bool waitState(HCALL call, DWORD state)
{
    for (const LINEMESSAGE &m : g_seen)
        if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == call && m.dwParam1 == state)
            return true;
    return waitFor([&](const LINEMESSAGE &x) {
               return x.dwMessageID == LINE_CALLSTATE && x.hDevice == call && x.dwParam1 == state;
           })
           != nullptr;
}

DWORD findDevice(const std::string &extension, DWORD &version)
{
    for (DWORD device = 0; device < g_numDevs; ++device) {
        LINEEXTENSIONID ext{};
        if (lineNegotiateAPIVersion(g_app, device, TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext)
            != 0)
            continue;
        alignas(8) char buffer[1024] = {};
        auto *caps = reinterpret_cast<LINEADDRESSCAPS *>(buffer);
        caps->dwTotalSize = sizeof buffer;
        if (lineGetAddressCaps(g_app, device, 0, version, 0, caps) == 0
            && caps->dwAddressSize == extension.size() + 1
            && extension == buffer + caps->dwAddressOffset)
            return device;
    }
    return LINEMAPPER;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: remote_agent AGENT PIN STATION [--transfer EXT]\n");
        return 2;
    }
    std::string agentId = argv[1], pin = argv[2], station = argv[3], transferTo;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--transfer") == 0)
            transferTo = argv[i + 1];
        else if (std::strcmp(argv[i], "--timeout-ms") == 0)
            g_timeoutMs = std::atoi(argv[i + 1]);
    }

    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    DWORD apiVersion = TAPI_VERSION2_2;
    if (LONG r = lineInitializeExA(&g_app, nullptr, nullptr, "remote agent", &g_numDevs,
                                   &apiVersion, &params);
        r != 0) {
        g_app = 0;
        fail("lineInitializeEx", r);
    }
    say("initialized");

    DWORD version = 0;
    DWORD device = findDevice(station, version);
    if (device == LINEMAPPER)
        fail("find station " + station, LINEERR_BADDEVICEID);
    HLINE line = 0;
    if (LONG r = lineOpen(g_app, device, &line, version, 0, 0, LINECALLPRIVILEGE_OWNER,
                          LINEMEDIAMODE_INTERACTIVEVOICE, nullptr);
        r != 0)
        fail("lineOpen", r);
    say("opened station " + station);

    HAGENT agent = 0;
    if (LONG r = reply(lineCreateAgentA(line, agentId.data(), pin.data(), &agent)); r != 0)
        fail("lineCreateAgent", r);
    // The demo's and the tests' sales group.
    GUID group{0x6b29fc40, 0xca47, 0x1067, {0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}};
    HAGENTSESSION session = 0;
    if (LONG r = reply(lineCreateAgentSessionA(line, agent, pin.data(), 0, &group, &session));
        r != 0)
        fail("lineCreateAgentSession", r);
    if (agent == 0 || session == 0)
        fail("agent handles", LINEERR_OPERATIONFAILED);
    say("agent " + agentId + " logged in");
    if (LONG r = reply(lineSetAgentStateEx(line, agent, LINEAGENTSTATEEX_READY, 0)); r != 0)
        fail("lineSetAgentStateEx", r);
    if (LONG r = reply(lineSetAgentSessionState(line, session, LINEAGENTSESSIONSTATE_READY, 0));
        r != 0)
        fail("lineSetAgentSessionState", r);
    say("ready");

    const LINEMESSAGE *offered = waitFor([&](const LINEMESSAGE &m) {
        return m.dwMessageID == LINE_APPNEWCALL && m.hDevice == line;
    });
    if (!offered)
        fail("waiting for a call", LINEERR_OPERATIONFAILED);
    HCALL call = static_cast<HCALL>(offered->dwParam2);
    if (!waitState(call, LINECALLSTATE_OFFERING))
        fail("OFFERING", LINEERR_OPERATIONFAILED);
    alignas(8) char buffer[4096] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    if (LONG r = lineGetCallInfoA(call, info); r != 0)
        fail("lineGetCallInfo", r);
    std::string caller = info->dwCallerIDSize ? buffer + info->dwCallerIDOffset : "?";
    std::string queue = "?", routePoint = "?";
    if (info->dwCallDataSize == sizeof(ACDCALLDATA)) {
        ACDCALLDATA data;
        std::memcpy(&data, buffer + info->dwCallDataOffset, sizeof data);
        queue = data.szQueueName;
        routePoint = data.szRoutePoint;
    }
    say("offered call from " + caller + " in queue " + queue + " (route point " + routePoint + ")");

    if (LONG r = reply(lineAnswer(call, nullptr, 0)); r != 0)
        fail("lineAnswer", r);
    if (!waitState(call, LINECALLSTATE_CONNECTED))
        fail("CONNECTED", LINEERR_OPERATIONFAILED);
    say("answered");

    if (!transferTo.empty()) {
        if (LONG r = reply(lineBlindTransferA(call, transferTo.c_str(), 0)); r != 0)
            fail("lineBlindTransfer", r);
        say("transferred to " + transferTo);
    }
    if (!waitState(call, LINECALLSTATE_IDLE))
        fail("IDLE", LINEERR_OPERATIONFAILED);
    say("call ended");
    lineDeallocateCall(call);

    if (LONG r = reply(lineSetAgentStateEx(line, agent, LINEAGENTSTATEEX_RELEASED, 0)); r != 0)
        fail("logout", r);
    say("logged out");
    lineClose(line);
    if (LONG r = lineShutdown(g_app); r != 0)
        fail("lineShutdown", r);
    say("done");
    return 0;
}
