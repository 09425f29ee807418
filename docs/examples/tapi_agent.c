/*
 * tapi_agent.c - a minimal TAPI 2.2 agent program (C99), the example of docs/tapi.md.
 *
 *   cc -std=c99 -o tapi_agent tapi_agent.c $(pkg-config --cflags --libs tapi)
 *   ./tapi_agent
 *
 * With no engine configured, libtapi starts the embedded demo engine (sim switch, queues
 * "sales" and "support" behind route points 9000 and 9001, agents 1001-1006 with PIN 1234).
 * The program logs agent 1001 in at station 100 in the sales group, goes Ready, lets station
 * 119 play the customer calling the sales line 9000, answers the call the ACD offers, reads
 * the queue data that came with it, hangs up and logs out.
 */
#include <stdio.h>
#include <string.h>

#include <tapi.h>

static HLINEAPP app;
static DWORD numDevs;

/* The sales group of the demo configuration. */
static GUID salesGroup = {
    0x6b29fc40, 0xca47, 0x1067, {0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}};

/* Reads messages (5 s at most) until one with this ID (and, if nonzero, this parameter 1 or
 * device) comes; returns 1 and fills *out, or 0. */
static int waitFor(DWORD message, DWORD_PTR param1, DWORD device, LINEMESSAGE *out)
{
    for (;;) {
        if (lineGetMessage(app, out, 5000) != 0)
            return 0;
        if (out->dwMessageID == message && (param1 == 0 || out->dwParam1 == param1)
            && (device == 0 || out->hDevice == device))
            return 1;
    }
}

/* Waits for the LINE_REPLY of an asynchronous request; returns its result. */
static LONG reply(LONG request)
{
    LINEMESSAGE m;
    if (request < 0)
        return request;
    if (!waitFor(LINE_REPLY, (DWORD_PTR)request, 0, &m))
        return LINEERR_OPERATIONFAILED;
    return (LONG)(DWORD)m.dwParam2;
}

/* Agent applications find their line by extension: the address of the line's address 0. */
static HLINE openStation(const char *extension)
{
    DWORD device;
    for (device = 0; device < numDevs; ++device) {
        DWORD version = 0;
        LINEEXTENSIONID ext;
        union {
            LINEADDRESSCAPS caps;
            char bytes[1024];
        } buffer;
        HLINE line = 0;
        if (lineNegotiateAPIVersion(app, device, TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext))
            continue;
        memset(&buffer, 0, sizeof buffer);
        buffer.caps.dwTotalSize = sizeof buffer;
        if (lineGetAddressCaps(app, device, 0, version, 0, &buffer.caps) != 0
            || buffer.caps.dwAddressSize != strlen(extension) + 1
            || strcmp(buffer.bytes + buffer.caps.dwAddressOffset, extension) != 0)
            continue;
        if (lineOpen(app, device, &line, version, 0, 0, LINECALLPRIVILEGE_OWNER,
                     LINEMEDIAMODE_INTERACTIVEVOICE, NULL)
            == 0)
            return line;
    }
    return 0;
}

#define CHECK(what, expr)                                                                          \
    do {                                                                                           \
        LONG r_ = (expr);                                                                          \
        if (r_ != 0) {                                                                             \
            printf("%s failed: 0x%08lX\n", what, (unsigned long)(DWORD)r_);                        \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

int main(void)
{
    LINEINITIALIZEEXPARAMS params;
    DWORD version = TAPI_VERSION2_2;
    HLINE agentLine, customerLine;
    HAGENT agent = 0;
    HAGENTSESSION session = 0;
    HCALL customerCall = 0, call;
    LINEMESSAGE m;
    union {
        LINECALLINFO info;
        char bytes[4096];
    } info;
    ACDCALLDATA data;

    memset(&params, 0, sizeof params);
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT; /* TAPI_EVENT_FD(params) is pollable */
    CHECK("lineInitializeEx",
          lineInitializeEx(&app, NULL, NULL, "tapi_agent", &numDevs, &version, &params));
    agentLine = openStation("100");
    customerLine = openStation("119");
    if (!agentLine || !customerLine) {
        printf("stations 100 and 119 not found\n");
        return 1;
    }

    /* Log in: agent, session in the sales group, both Ready. */
    CHECK("lineCreateAgent", reply(lineCreateAgent(agentLine, "1001", "1234", &agent)));
    CHECK("lineCreateAgentSession",
          reply(lineCreateAgentSession(agentLine, agent, "1234", 0, &salesGroup, &session)));
    CHECK("lineSetAgentStateEx",
          reply(lineSetAgentStateEx(agentLine, agent, LINEAGENTSTATEEX_READY, 0)));
    CHECK("lineSetAgentSessionState",
          reply(lineSetAgentSessionState(agentLine, session, LINEAGENTSESSIONSTATE_READY, 0)));
    printf("agent 1001 ready at station 100\n");

    /* The customer calls the sales line; the ACD offers the call to the agent. */
    CHECK("lineMakeCall", reply(lineMakeCall(customerLine, &customerCall, "9000", 0, NULL)));
    if (!waitFor(LINE_APPNEWCALL, 0, agentLine, &m)) {
        printf("no call offered\n");
        return 1;
    }
    call = (HCALL)m.dwParam2;
    memset(&info, 0, sizeof info);
    info.info.dwTotalSize = sizeof info;
    CHECK("lineGetCallInfo", lineGetCallInfo(call, &info.info));
    if (info.info.dwCallDataSize != sizeof data) {
        printf("no ACD call data\n");
        return 1;
    }
    memcpy(&data, info.bytes + info.info.dwCallDataOffset, sizeof data);
    printf("offered: call from %s in queue %s (route point %s), waited %lu s\n",
           info.bytes + info.info.dwCallerIDOffset, data.szQueueName, data.szRoutePoint,
           (unsigned long)data.dwWaitTime);

    CHECK("lineAnswer", reply(lineAnswer(call, NULL, 0)));
    if (!waitFor(LINE_CALLSTATE, LINECALLSTATE_CONNECTED, call, &m))
        return 1;
    printf("answered call from %s in queue %s\n", info.bytes + info.info.dwCallerIDOffset,
           data.szQueueName);

    CHECK("lineDrop", reply(lineDrop(call, NULL, 0)));
    if (!waitFor(LINE_CALLSTATE, LINECALLSTATE_IDLE, call, &m))
        return 1;
    CHECK("lineDeallocateCall", lineDeallocateCall(call));
    CHECK("logout", reply(lineSetAgentStateEx(agentLine, agent, LINEAGENTSTATEEX_RELEASED, 0)));
    printf("agent 1001 logged out\n");
    return lineShutdown(app) == 0 ? 0 : 1;
}
