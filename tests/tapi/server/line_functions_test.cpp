// Per line function: the success path and the documented errors (bad handle, null pointer,
// structure too small, wrong state) with the exact messages and parameters delivered.
// What apps_test.cpp, calls_test.cpp and proxy_test.cpp check already is not repeated here.
#include "server_fixture.h"

#include <cstring>
#include <tuple>

namespace acd::tapi::test {
namespace {

constexpr DWORD_PTR kInstance = 0x5A5A;

/// One LINE_CALLSTATE as (state, dwParam2, dwParam3).
using StateMsg = std::tuple<DWORD_PTR, DWORD_PTR, DWORD_PTR>;

class LineFunctions : public ServerFixture {
protected:
    void SetUp() override
    {
        ServerFixture::SetUp();
        caller = initApp(kClient, "caller");
        callee = initApp(kClient, "callee");
        third = initApp(kClient, "third");
        callerLine = open(caller, "100", LINECALLPRIVILEGE_OWNER);
        calleeLine = open(callee, "101", LINECALLPRIVILEGE_OWNER);
        thirdLine = open(third, "102", LINECALLPRIVILEGE_OWNER);
    }

    /// 100 calls 101; returns the caller's hCall and leaves 101 offering (its hCall in `in`).
    HCALL offer(HCALL *in = nullptr)
    {
        HCALL h = 0;
        LONG id = server->lineMakeCall(kClient, callerLine, &h, "101", 0, nullptr);
        EXPECT_GT(id, 0);
        EXPECT_EQ(waitReply(*caller.sink, id), 0);
        EXPECT_TRUE(pumpUntil([&] { return newCall(*callee.sink) != 0; }));
        EXPECT_TRUE(waitState(*callee.sink, newCall(*callee.sink), LINECALLSTATE_OFFERING));
        if (in)
            *in = newCall(*callee.sink);
        return h;
    }

    /// 100 calls 101 and 101 answers; both ends connected.
    std::pair<HCALL, HCALL> connect()
    {
        HCALL in = 0;
        HCALL out = offer(&in);
        EXPECT_EQ(waitReply(*callee.sink, server->lineAnswer(kClient, in, nullptr, 0)), 0);
        EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
        EXPECT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
        return {out, in};
    }

    /// 101 (connected to 100) sets up a transfer and consults 102, who answers. Returns the
    /// consultation call; `in` is 101's original call, `atThird` 102's.
    HCALL consult(HCALL &out, HCALL &in, HCALL *atThird = nullptr)
    {
        std::tie(out, in) = connect();
        HCALL c = 0;
        EXPECT_EQ(waitReply(*callee.sink, server->lineSetupTransfer(kClient, in, &c, nullptr)), 0);
        EXPECT_EQ(waitReply(*callee.sink, server->lineDial(kClient, c, "102", 0)), 0);
        EXPECT_TRUE(pumpUntil([&] { return newCall(*third.sink) != 0; }));
        HCALL t = newCall(*third.sink);
        EXPECT_EQ(waitReply(*third.sink, server->lineAnswer(kClient, t, nullptr, 0)), 0);
        EXPECT_TRUE(waitState(*callee.sink, c, LINECALLSTATE_CONNECTED));
        EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_ONHOLDPENDTRANSFER));
        if (atThird)
            *atThird = t;
        return c;
    }

    /// Every LINE_CALLSTATE of one handle, in order.
    static std::vector<StateMsg> states(const RecordingSink &sink, HCALL h)
    {
        std::vector<StateMsg> out;
        for (const LINEMESSAGE &m : sink.messages)
            if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == h)
                out.emplace_back(m.dwParam1, m.dwParam2, m.dwParam3);
        return out;
    }

    /// Index of the first message of `sink` matching, or -1.
    static long indexOf(const RecordingSink &sink, DWORD msg, DWORD_PTR hDevice, DWORD_PTR p1)
    {
        for (std::size_t i = 0; i < sink.messages.size(); ++i) {
            const LINEMESSAGE &m = sink.messages[i];
            if (m.dwMessageID == msg && m.hDevice == hDevice && m.dwParam1 == p1)
                return static_cast<long>(i);
        }
        return -1;
    }

    /// Opens `address` for `app` with a callback instance.
    HLINE openWithInstance(const AppUnderTest &app, const std::string &address, DWORD privileges,
                           DWORD_PTR instance)
    {
        DWORD dev = device(address), version = 0;
        LINEEXTENSIONID ext{};
        EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, app.handle, dev, TAPI_VERSION2_0,
                                                  TAPI_VERSION2_2, &version, &ext),
                  0);
        HLINE line = 0;
        EXPECT_EQ(server->lineOpen(kClient, app.handle, dev, &line, version, 0, instance,
                                   privileges, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
                  0);
        return line;
    }

    AppUnderTest caller, callee, third;
    HLINE callerLine = 0, calleeLine = 0, thirdLine = 0;
};

template<std::size_t N>
struct Buffer {
    alignas(8) char bytes[N] = {};
    template<typename T>
    T *as()
    {
        auto *s = reinterpret_cast<T *>(bytes);
        s->dwTotalSize = N;
        return s;
    }
};

StateMsg state(DWORD s, DWORD_PTR mode, DWORD_PTR privilege = 0)
{
    return {s, mode, privilege};
}

// ---- lineInitializeEx ---------------------------------------------------------------------

using LineInitializeEx = LineFunctions;

TEST_F(LineInitializeEx, NullOutputPointersAndANullSinkAreInvalidPointers)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    auto sink = std::make_shared<RecordingSink>();
    EXPECT_EQ(server->lineInitializeEx(kClient, nullptr, sink, "a", {}, &numDevs, &version),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(server->lineInitializeEx(kClient, &app, sink, "a", {}, nullptr, &version),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(server->lineInitializeEx(kClient, &app, sink, "a", {}, &numDevs, nullptr),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(server->lineInitializeEx(kClient, &app, nullptr, "a", {}, &numDevs, &version),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(app, 0u);
}

TEST_F(LineInitializeEx, EachApplicationGetsADistinctHandleAndNoMessage)
{
    EXPECT_NE(caller.handle, callee.handle);
    EXPECT_NE(callee.handle, third.handle);
    EXPECT_TRUE(caller.sink->messages.empty());
}

// ---- lineNegotiateAPIVersion --------------------------------------------------------------

using LineNegotiateAPIVersion = LineFunctions;

TEST_F(LineNegotiateAPIVersion, NullOutputPointersAreInvalidPointers)
{
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, 0, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, nullptr, &ext),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, 0, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, nullptr),
              LINEERR_INVALPOINTER);
}

TEST_F(LineNegotiateAPIVersion, AnInvertedRangeIsAnIncompatibleVersion)
{
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, 0, TAPI_VERSION2_2,
                                              TAPI_VERSION2_0, &version, &ext),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(LineNegotiateAPIVersion, ARangeBelowTwoPointTwoGetsItsHighestVersionAndNoExtension)
{
    DWORD version = 0;
    LINEEXTENSIONID ext;
    std::memset(&ext, 0xFF, sizeof ext);
    ASSERT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, 0, TAPI_VERSION2_0,
                                              TAPI_VERSION2_1, &version, &ext),
              0);
    EXPECT_EQ(version, static_cast<DWORD>(TAPI_VERSION2_1));
    LINEEXTENSIONID zero{};
    EXPECT_EQ(std::memcmp(&ext, &zero, sizeof ext), 0);
}

// ---- lineGetDevCaps -----------------------------------------------------------------------

using LineGetDevCaps = LineFunctions;

TEST_F(LineGetDevCaps, ReportsOneAddressTheDeviceIdAndTheAsciiFormat)
{
    Buffer<4096> buffer;
    auto *caps = buffer.as<LINEDEVCAPS>();
    ASSERT_EQ(server->lineGetDevCaps(kClient, caller.handle, device("101"), TAPI_VERSION2_2, 0,
                                     caps, StringEncoding::Utf8),
              0);
    EXPECT_EQ(caps->dwNumAddresses, 1u);
    EXPECT_EQ(caps->dwPermanentLineID, device("101"));
    EXPECT_EQ(caps->dwStringFormat, static_cast<DWORD>(STRINGFORMAT_ASCII));
    EXPECT_LE(caps->dwNeededSize, caps->dwTotalSize);
    EXPECT_EQ(caps->dwUsedSize, caps->dwNeededSize);
}

TEST_F(LineGetDevCaps, ANullBufferIsAnInvalidPointer)
{
    EXPECT_EQ(server->lineGetDevCaps(kClient, caller.handle, 0, TAPI_VERSION2_2, 0, nullptr,
                                     StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
}

TEST_F(LineGetDevCaps, AnUnknownDeviceIsABadDeviceId)
{
    Buffer<4096> buffer;
    EXPECT_EQ(server->lineGetDevCaps(kClient, caller.handle, server->numDevices(), TAPI_VERSION2_2,
                                     0, buffer.as<LINEDEVCAPS>(), StringEncoding::Utf8),
              LINEERR_BADDEVICEID);
}

TEST_F(LineGetDevCaps, AVersionOutsideTwoPointZeroToTwoPointTwoIsIncompatible)
{
    Buffer<4096> buffer;
    EXPECT_EQ(server->lineGetDevCaps(kClient, caller.handle, 0, TAPI_VERSION1_4, 0,
                                     buffer.as<LINEDEVCAPS>(), StringEncoding::Utf8),
              LINEERR_INCOMPATIBLEAPIVERSION);
    EXPECT_EQ(server->lineGetDevCaps(kClient, caller.handle, 0, TAPI_VERSION3_0, 0,
                                     buffer.as<LINEDEVCAPS>(), StringEncoding::Utf8),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(LineGetDevCaps, AnExtensionVersionIsIncompatible)
{
    Buffer<4096> buffer;
    EXPECT_EQ(server->lineGetDevCaps(kClient, caller.handle, 0, TAPI_VERSION2_2, 0x00010000,
                                     buffer.as<LINEDEVCAPS>(), StringEncoding::Utf8),
              LINEERR_INCOMPATIBLEEXTVERSION);
}

TEST_F(LineGetDevCaps, AShutDownApplicationIsAnInvalidAppHandle)
{
    ASSERT_EQ(server->lineShutdown(kClient, third.handle), 0);
    Buffer<4096> buffer;
    EXPECT_EQ(server->lineGetDevCaps(kClient, third.handle, 0, TAPI_VERSION2_2, 0,
                                     buffer.as<LINEDEVCAPS>(), StringEncoding::Utf8),
              LINEERR_INVALAPPHANDLE);
}

// ---- lineGetAddressCaps -------------------------------------------------------------------

using LineGetAddressCaps = LineFunctions;

TEST_F(LineGetAddressCaps, BelowTheFixedPartIsStructureTooSmallWithTheNeededSize)
{
    Buffer<sizeof(LINEADDRESSCAPS)> buffer;
    auto *caps = buffer.as<LINEADDRESSCAPS>();
    caps->dwTotalSize = 16;
    EXPECT_EQ(server->lineGetAddressCaps(kClient, caller.handle, device("100"), 0, TAPI_VERSION2_2,
                                         0, caps, StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_GE(caps->dwNeededSize, static_cast<DWORD>(sizeof(LINEADDRESSCAPS)));
}

TEST_F(LineGetAddressCaps, ASecondAddressIsAnInvalidAddressId)
{
    Buffer<2048> buffer;
    EXPECT_EQ(server->lineGetAddressCaps(kClient, caller.handle, device("100"), 1, TAPI_VERSION2_2,
                                         0, buffer.as<LINEADDRESSCAPS>(), StringEncoding::Utf8),
              LINEERR_INVALADDRESSID);
}

TEST_F(LineGetAddressCaps, ANullBufferIsAnInvalidPointer)
{
    EXPECT_EQ(server->lineGetAddressCaps(kClient, caller.handle, device("100"), 0, TAPI_VERSION2_2,
                                         0, nullptr, StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
}

TEST_F(LineGetAddressCaps, AnUnknownDeviceIsABadDeviceId)
{
    Buffer<2048> buffer;
    EXPECT_EQ(server->lineGetAddressCaps(kClient, caller.handle, server->numDevices(), 0,
                                         TAPI_VERSION2_2, 0, buffer.as<LINEADDRESSCAPS>(),
                                         StringEncoding::Utf8),
              LINEERR_BADDEVICEID);
}

TEST_F(LineGetAddressCaps, AShutDownApplicationIsAnInvalidAppHandle)
{
    Buffer<2048> buffer;
    ASSERT_EQ(server->lineShutdown(kClient, third.handle), 0);
    EXPECT_EQ(server->lineGetAddressCaps(kClient, third.handle, 0, 0, TAPI_VERSION2_2, 0,
                                         buffer.as<LINEADDRESSCAPS>(), StringEncoding::Utf8),
              LINEERR_INVALAPPHANDLE);
}

// ---- lineGetAddressStatus -----------------------------------------------------------------

using LineGetAddressStatus = LineFunctions;

TEST_F(LineGetAddressStatus, CountsTheCallInUseOnTheAddress)
{
    offer();
    Buffer<512> buffer;
    auto *status = buffer.as<LINEADDRESSSTATUS>();
    ASSERT_EQ(server->lineGetAddressStatus(kClient, calleeLine, 0, status, StringEncoding::Utf8),
              0);
    EXPECT_EQ(status->dwNumInUse, 1u);
}

TEST_F(LineGetAddressStatus, BelowTheFixedPartIsStructureTooSmall)
{
    Buffer<sizeof(LINEADDRESSSTATUS)> buffer;
    auto *status = buffer.as<LINEADDRESSSTATUS>();
    status->dwTotalSize = 12;
    EXPECT_EQ(server->lineGetAddressStatus(kClient, callerLine, 0, status, StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_GE(status->dwNeededSize, static_cast<DWORD>(sizeof(LINEADDRESSSTATUS)));
}

TEST_F(LineGetAddressStatus, ANullBufferIsAnInvalidPointer)
{
    EXPECT_EQ(server->lineGetAddressStatus(kClient, callerLine, 0, nullptr, StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
}

TEST_F(LineGetAddressStatus, AClosedLineIsAnInvalidLineHandle)
{
    ASSERT_EQ(server->lineClose(kClient, thirdLine), 0);
    Buffer<512> buffer;
    EXPECT_EQ(server->lineGetAddressStatus(kClient, thirdLine, 0, buffer.as<LINEADDRESSSTATUS>(),
                                           StringEncoding::Utf8),
              LINEERR_INVALLINEHANDLE);
}

// ---- lineOpen -----------------------------------------------------------------------------

using LineOpen = LineFunctions;

TEST_F(LineOpen, ANullLineHandlePointerIsAnInvalidPointer)
{
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    ASSERT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, device("103"),
                                              TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext),
              0);
    EXPECT_EQ(server->lineOpen(kClient, caller.handle, device("103"), nullptr, version, 0, 0,
                               LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              LINEERR_INVALPOINTER);
}

TEST_F(LineOpen, AnUnknownDeviceIsABadDeviceId)
{
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, caller.handle, server->numDevices(), &line, TAPI_VERSION2_2,
                               0, 0, LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE,
                               nullptr),
              LINEERR_BADDEVICEID);
    EXPECT_EQ(line, 0u);
}

TEST_F(LineOpen, AShutDownApplicationIsAnInvalidAppHandle)
{
    HLINE line = 0;
    ASSERT_EQ(server->lineShutdown(kClient, third.handle), 0);
    EXPECT_EQ(server->lineOpen(kClient, third.handle, 0, &line, TAPI_VERSION2_2, 0, 0,
                               LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              LINEERR_INVALAPPHANDLE);
    EXPECT_EQ(line, 0u);
}

TEST_F(LineOpen, AVersionAboveTheNegotiatedOneIsIncompatible)
{
    DWORD dev = device("103"), version = 0;
    LINEEXTENSIONID ext{};
    ASSERT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, dev, TAPI_VERSION2_0,
                                              TAPI_VERSION2_0, &version, &ext),
              0);
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, caller.handle, dev, &line, TAPI_VERSION2_2, 0, 0,
                               LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(LineOpen, ProxyTogetherWithSingleAddressIsAnInvalidPrivilegeSelection)
{
    DWORD dev = device("103"), version = 0;
    LINEEXTENSIONID ext{};
    ASSERT_EQ(server->lineNegotiateAPIVersion(kClient, caller.handle, dev, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              0);
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, caller.handle, dev, &line, version, 0, 0,
                               LINECALLPRIVILEGE_MONITOR | LINEOPENOPTION_PROXY
                                   | LINEOPENOPTION_SINGLEADDRESS,
                               LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              LINEERR_INVALPRIVSELECT);
}

TEST_F(LineOpen, TheCallbackInstanceComesWithTheLinesRepliesAndCallMessages)
{
    auto app = initApp(kClient, "instance");
    HLINE line = openWithInstance(app, "103", LINECALLPRIVILEGE_OWNER, kInstance);
    HCALL h = 0;
    LONG id = server->lineMakeCall(kClient, line, &h, "101", 0, nullptr);
    ASSERT_EQ(waitReply(*app.sink, id), 0);
    ASSERT_TRUE(pumpUntil([&] { return !states(*app.sink, h).empty(); }));
    ASSERT_FALSE(app.sink->messages.empty());
    for (const LINEMESSAGE &m : app.sink->messages)
        EXPECT_EQ(m.dwCallbackInstance, kInstance) << "message " << m.dwMessageID;
}

// ---- lineClose ----------------------------------------------------------------------------

using LineClose = LineFunctions;

TEST_F(LineClose, SendsNoLineCloseToTheClosingApplication)
{
    ASSERT_EQ(server->lineClose(kClient, callerLine), 0);
    pump();
    EXPECT_TRUE(caller.sink->with(LINE_CLOSE).empty());
}

TEST_F(LineClose, LeavesAnotherApplicationsOpenOfTheSameDeviceWorking)
{
    auto monitor = initApp(kClient, "monitor");
    HLINE monLine = open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    ASSERT_EQ(server->lineClose(kClient, monLine), 0);
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(states(*callee.sink, in).front(),
              state(LINECALLSTATE_OFFERING, LINEOFFERINGMODE_ACTIVE, LINECALLPRIVILEGE_OWNER));
    EXPECT_TRUE(monitor.sink->with(LINE_APPNEWCALL).empty());
}

TEST_F(LineClose, EveryLineFunctionRefusesTheClosedHandle)
{
    ASSERT_EQ(server->lineClose(kClient, thirdLine), 0);
    HCALL h = 0;
    Buffer<256> buffer;
    EXPECT_EQ(server->lineMakeCall(kClient, thirdLine, &h, "100", 0, nullptr),
              LINEERR_INVALLINEHANDLE);
    EXPECT_EQ(server->lineSetStatusMessages(kClient, thirdLine, 0, 0), LINEERR_INVALLINEHANDLE);
    EXPECT_EQ(server->lineGetNewCalls(kClient, thirdLine, 0, LINECALLSELECT_LINE,
                                      buffer.as<LINECALLLIST>()),
              LINEERR_INVALLINEHANDLE);
    EXPECT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, LINECALLSELECT_LINE,
                                buffer.as<VARSTRING>(), "tapi/line", StringEncoding::Utf8),
              LINEERR_INVALLINEHANDLE);
}

TEST_F(LineClose, AnotherClientsLineIsAnInvalidLineHandle)
{
    EXPECT_EQ(server->lineClose(kOtherClient, callerLine), LINEERR_INVALLINEHANDLE);
    EXPECT_EQ(server->lineClose(kClient, callerLine), 0);
}

// ---- lineShutdown -------------------------------------------------------------------------

using LineShutdown = LineFunctions;

TEST_F(LineShutdown, InvalidatesTheApplicationsLinesAndCallsButNotThePeers)
{
    HCALL in = 0;
    HCALL out = offer(&in);
    ASSERT_EQ(server->lineShutdown(kClient, caller.handle), 0);
    EXPECT_EQ(server->lineClose(kClient, callerLine), LINEERR_INVALLINEHANDLE);
    EXPECT_EQ(server->lineDrop(kClient, out, nullptr, 0), LINEERR_INVALCALLHANDLE);
    Buffer<512> buffer;
    EXPECT_EQ(server->lineGetCallStatus(kClient, in, buffer.as<LINECALLSTATUS>()), 0);
}

TEST_F(LineShutdown, APendingRequestOfTheApplicationNeverReplies)
{
    HCALL h = 0;
    LONG id = server->lineMakeCall(kClient, callerLine, &h, "101", 0, nullptr);
    ASSERT_GT(id, 0);
    ASSERT_EQ(server->lineShutdown(kClient, caller.handle), 0);
    pumpUntil([&] { return newCall(*callee.sink) != 0; }, 1000);
    pump();
    EXPECT_EQ(caller.sink->replies(id), 0u);
    EXPECT_EQ(h, 0u);
}

// ---- lineMakeCall -------------------------------------------------------------------------

using LineMakeCall = LineFunctions;

TEST_F(LineMakeCall, RepliesBeforeTheFirstCallStateWhichCarriesTheOwnerPrivilege)
{
    HCALL h = 0;
    LONG id = server->lineMakeCall(kClient, callerLine, &h, "101", 0, nullptr);
    ASSERT_EQ(waitReply(*caller.sink, id), 0);
    ASSERT_TRUE(waitState(*caller.sink, h, LINECALLSTATE_RINGBACK));
    long reply = -1;
    for (std::size_t i = 0; i < caller.sink->messages.size(); ++i)
        if (caller.sink->messages[i].dwMessageID == LINE_REPLY)
            reply = static_cast<long>(i);
    auto s = states(*caller.sink, h);
    ASSERT_FALSE(s.empty());
    EXPECT_LT(reply, indexOf(*caller.sink, LINE_CALLSTATE, h, std::get<0>(s.front())));
    EXPECT_EQ(std::get<2>(s.front()), static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    for (std::size_t i = 1; i < s.size(); ++i)
        EXPECT_EQ(std::get<2>(s[i]), 0u) << "state " << std::get<0>(s[i]);
    EXPECT_TRUE(caller.sink->with(LINE_APPNEWCALL).empty()); // the creator has the handle
}

TEST_F(LineMakeCall, AnInvalidDestinationIsAnInvalidAddressAndCreatesNoCall)
{
    HCALL h = 0;
    EXPECT_EQ(server->lineMakeCall(kClient, callerLine, &h, "1x!", 0, nullptr),
              LINEERR_INVALADDRESS);
    EXPECT_EQ(h, 0u);
    Buffer<256> buffer;
    auto *list = buffer.as<LINECALLLIST>();
    ASSERT_EQ(server->lineGetNewCalls(kClient, callerLine, 0, LINECALLSELECT_LINE, list), 0);
    EXPECT_EQ(list->dwCallsNumEntries, 0u);
}

TEST_F(LineMakeCall, AStaleLineIsAnInvalidLineHandle)
{
    ASSERT_EQ(server->lineClose(kClient, callerLine), 0);
    HCALL h = 0;
    EXPECT_EQ(server->lineMakeCall(kClient, callerLine, &h, "101", 0, nullptr),
              LINEERR_INVALLINEHANDLE);
}

// ---- lineDial -----------------------------------------------------------------------------

using LineDial = LineFunctions;

TEST_F(LineDial, ANullDestinationIsAnInvalidPointer)
{
    HCALL out = offer();
    EXPECT_EQ(server->lineDial(kClient, out, nullptr, 0), LINEERR_INVALPOINTER);
}

TEST_F(LineDial, ACallThatIsNotAConsultationCallCannotDial)
{
    HCALL out = offer();
    EXPECT_EQ(server->lineDial(kClient, out, "102", 0), LINEERR_OPERATIONUNAVAIL);
}

TEST_F(LineDial, TheConsultationCallGoesFromDialtoneToConnectedWithItsModes)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    auto s = states(*callee.sink, c);
    ASSERT_GE(s.size(), 2u);
    EXPECT_EQ(s.front(),
              state(LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL, LINECALLPRIVILEGE_OWNER));
    EXPECT_EQ(s.back(), state(LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE));
}

// ---- lineAnswer ---------------------------------------------------------------------------

using LineAnswer = LineFunctions;

TEST_F(LineAnswer, AConnectedCallIsAnInvalidCallState)
{
    auto [out, in] = connect();
    EXPECT_EQ(server->lineAnswer(kClient, in, nullptr, 0), LINEERR_INVALCALLSTATE);
}

TEST_F(LineAnswer, TheCallersOwnRingbackCallIsAnInvalidCallState)
{
    HCALL out = offer();
    EXPECT_EQ(server->lineAnswer(kClient, out, nullptr, 0), LINEERR_INVALCALLSTATE);
}

TEST_F(LineAnswer, RepliesOnceAndBothEndsGetConnectedActive)
{
    HCALL in = 0;
    HCALL out = offer(&in);
    LONG id = server->lineAnswer(kClient, in, nullptr, 0);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    EXPECT_EQ(states(*callee.sink, in).back(),
              state(LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE));
    EXPECT_EQ(states(*caller.sink, out).back(),
              state(LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE));
}

// ---- lineDrop -----------------------------------------------------------------------------

using LineDrop = LineFunctions;

TEST_F(LineDrop, TheFarEndSeesDisconnectedNormalThenIdleAndTheDropperOnlyIdle)
{
    auto [out, in] = connect();
    std::size_t before = states(*callee.sink, in).size();
    std::size_t beforeOut = states(*caller.sink, out).size();
    ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_IDLE));
    auto far = states(*callee.sink, in);
    ASSERT_EQ(far.size(), before + 2);
    EXPECT_EQ(far[before], state(LINECALLSTATE_DISCONNECTED, LINEDISCONNECTMODE_NORMAL));
    EXPECT_EQ(std::get<0>(far[before + 1]), static_cast<DWORD_PTR>(LINECALLSTATE_IDLE));
    auto near = states(*caller.sink, out);
    ASSERT_EQ(near.size(), beforeOut + 1);
    EXPECT_EQ(std::get<0>(near.back()), static_cast<DWORD_PTR>(LINECALLSTATE_IDLE));
}

TEST_F(LineDrop, AnIdleCallIsAnInvalidCallState)
{
    auto [out, in] = connect();
    ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_IDLE));
    EXPECT_EQ(server->lineDrop(kClient, out, nullptr, 0), LINEERR_INVALCALLSTATE);
}

TEST_F(LineDrop, AMonitorIsNotTheOwner)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    offer();
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    EXPECT_EQ(server->lineDrop(kClient, newCall(*monitor.sink), nullptr, 0), LINEERR_NOTOWNER);
}

TEST_F(LineDrop, DroppingTheUndialledConsultationCallIdlesItAndKeepsTheOriginal)
{
    auto [out, in] = connect();
    HCALL c = 0;
    ASSERT_EQ(waitReply(*callee.sink, server->lineSetupTransfer(kClient, in, &c, nullptr)), 0);
    ASSERT_TRUE(waitState(*callee.sink, c, LINECALLSTATE_DIALTONE));
    ASSERT_EQ(waitReply(*callee.sink, server->lineDrop(kClient, c, nullptr, 0)), 0);
    EXPECT_TRUE(waitState(*callee.sink, c, LINECALLSTATE_IDLE));
    Buffer<512> buffer;
    auto *status = buffer.as<LINECALLSTATUS>();
    ASSERT_EQ(server->lineGetCallStatus(kClient, in, status), 0);
    EXPECT_EQ(status->dwCallState, static_cast<DWORD>(LINECALLSTATE_CONNECTED));
}

// ---- lineHold / lineUnhold ----------------------------------------------------------------

using LineHold = LineFunctions;

TEST_F(LineHold, AHeldCallIsAnInvalidCallState)
{
    auto [out, in] = connect();
    ASSERT_EQ(waitReply(*callee.sink, server->lineHold(kClient, in)), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_ONHOLD));
    EXPECT_EQ(server->lineHold(kClient, in), LINEERR_INVALCALLSTATE);
}

TEST_F(LineHold, AnOfferingCallIsAnInvalidCallState)
{
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(server->lineHold(kClient, in), LINEERR_INVALCALLSTATE);
}

TEST_F(LineHold, RepliesOnceThenReportsOnHoldWithNoModeAndTheFarEndStaysConnected)
{
    auto [out, in] = connect();
    std::size_t farBefore = states(*caller.sink, out).size();
    LONG id = server->lineHold(kClient, in);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_ONHOLD));
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    EXPECT_EQ(states(*callee.sink, in).back(), state(LINECALLSTATE_ONHOLD, 0));
    EXPECT_EQ(states(*caller.sink, out).size(), farBefore);
}

using LineUnhold = LineFunctions;

TEST_F(LineUnhold, ACallNotOnHoldIsAnInvalidCallState)
{
    auto [out, in] = connect();
    EXPECT_EQ(server->lineUnhold(kClient, in), LINEERR_INVALCALLSTATE);
}

TEST_F(LineUnhold, RetrievingTheCallOnHoldPendingTransferReconnectsItWithOneReply)
{
    HCALL out = 0, in = 0;
    consult(out, in);
    LONG id = server->lineUnhold(kClient, in);
    ASSERT_GT(id, 0);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    EXPECT_EQ(states(*callee.sink, in).back(),
              state(LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE));
}

// ---- lineSwapHold -------------------------------------------------------------------------

using LineSwapHold = LineFunctions;

TEST_F(LineSwapHold, HoldsTheConsultationAndRetrievesTheOriginalUnderOneReply)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    std::size_t cBefore = states(*callee.sink, c).size();
    std::size_t inBefore = states(*callee.sink, in).size();
    LONG id = server->lineSwapHold(kClient, c, in);
    ASSERT_GT(id, 0);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    auto cs = states(*callee.sink, c);
    ASSERT_EQ(cs.size(), cBefore + 1);
    EXPECT_EQ(std::get<0>(cs.back()), static_cast<DWORD_PTR>(LINECALLSTATE_ONHOLD));
    auto is = states(*callee.sink, in);
    ASSERT_EQ(is.size(), inBefore + 1);
    EXPECT_EQ(is.back(), state(LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE));
}

TEST_F(LineSwapHold, TheSameCallTwiceOrAStaleHeldCallIsAnInvalidCallHandle)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    EXPECT_EQ(server->lineSwapHold(kClient, c, c), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSwapHold(kClient, c, 0x7777), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSwapHold(kClient, 0x7777, in), LINEERR_INVALCALLHANDLE);
}

TEST_F(LineSwapHold, AnActiveCallThatIsNotConnectedIsAnInvalidCallState)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    // The original is on hold pending transfer: it cannot be the active call.
    EXPECT_EQ(server->lineSwapHold(kClient, in, c), LINEERR_INVALCALLSTATE);
}

// ---- lineBlindTransfer --------------------------------------------------------------------

using LineBlindTransfer = LineFunctions;

TEST_F(LineBlindTransfer, AnOfferingCallIsAnInvalidCallState)
{
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(server->lineBlindTransfer(kClient, in, "102", 0), LINEERR_INVALCALLSTATE);
}

TEST_F(LineBlindTransfer, ANullDestinationIsAnInvalidPointer)
{
    auto [out, in] = connect();
    EXPECT_EQ(server->lineBlindTransfer(kClient, in, nullptr, 0), LINEERR_INVALPOINTER);
}

TEST_F(LineBlindTransfer, AnEmptyDestinationIsAnInvalidAddress)
{
    auto [out, in] = connect();
    EXPECT_EQ(server->lineBlindTransfer(kClient, in, "", 0), LINEERR_INVALADDRESS);
}

TEST_F(LineBlindTransfer, TheTransferringEndGoesIdleWithoutDisconnected)
{
    auto [out, in] = connect();
    std::size_t before = states(*callee.sink, in).size();
    ASSERT_EQ(waitReply(*callee.sink, server->lineBlindTransfer(kClient, in, "102", 0)), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    auto s = states(*callee.sink, in);
    ASSERT_EQ(s.size(), before + 1);
    EXPECT_EQ(std::get<0>(s.back()), static_cast<DWORD_PTR>(LINECALLSTATE_IDLE));
}

// ---- lineSetupTransfer --------------------------------------------------------------------

using LineSetupTransfer = LineFunctions;

TEST_F(LineSetupTransfer, ANullConsultHandlePointerIsAnInvalidPointer)
{
    auto [out, in] = connect();
    EXPECT_EQ(server->lineSetupTransfer(kClient, in, nullptr, nullptr), LINEERR_INVALPOINTER);
}

TEST_F(LineSetupTransfer, AnOfferingCallIsAnInvalidCallState)
{
    HCALL in = 0;
    offer(&in);
    HCALL c = 0;
    EXPECT_EQ(server->lineSetupTransfer(kClient, in, &c, nullptr), LINEERR_INVALCALLSTATE);
    EXPECT_EQ(c, 0u);
}

TEST_F(LineSetupTransfer, ASecondSetupWhileOneIsPendingIsAnInvalidCallState)
{
    auto [out, in] = connect();
    HCALL c = 0, c2 = 0;
    ASSERT_EQ(waitReply(*callee.sink, server->lineSetupTransfer(kClient, in, &c, nullptr)), 0);
    EXPECT_EQ(server->lineSetupTransfer(kClient, in, &c2, nullptr), LINEERR_INVALCALLSTATE);
}

TEST_F(LineSetupTransfer, WritesTheConsultHandleAtTheReplyBeforeItsDialtone)
{
    auto [out, in] = connect();
    HCALL c = 0;
    LONG id = server->lineSetupTransfer(kClient, in, &c, nullptr);
    ASSERT_GT(id, 0);
    EXPECT_EQ(c, 0u);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_NE(c, 0u);
    ASSERT_TRUE(waitState(*callee.sink, c, LINECALLSTATE_DIALTONE));
    long reply = -1;
    for (std::size_t i = 0; i < callee.sink->messages.size(); ++i)
        if (callee.sink->messages[i].dwMessageID == LINE_REPLY
            && callee.sink->messages[i].dwParam1 == static_cast<DWORD_PTR>(id))
            reply = static_cast<long>(i);
    EXPECT_LT(reply, indexOf(*callee.sink, LINE_CALLSTATE, c, LINECALLSTATE_DIALTONE));
    EXPECT_EQ(callee.sink->replies(id), 1u);
}

// ---- lineCompleteTransfer -----------------------------------------------------------------

using LineCompleteTransfer = LineFunctions;

TEST_F(LineCompleteTransfer, ConferenceWithoutAConferenceHandlePointerIsAnInvalidPointer)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    EXPECT_EQ(server->lineCompleteTransfer(kClient, in, c, nullptr, LINETRANSFERMODE_CONFERENCE),
              LINEERR_INVALPOINTER);
}

TEST_F(LineCompleteTransfer, AnOriginalCallThatIsNotHeldIsAnInvalidCallState)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    ASSERT_EQ(waitReply(*callee.sink, server->lineSwapHold(kClient, c, in)), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
    EXPECT_EQ(server->lineCompleteTransfer(kClient, in, c, nullptr, LINETRANSFERMODE_TRANSFER),
              LINEERR_INVALCALLSTATE);
}

TEST_F(LineCompleteTransfer, AStaleOriginalIsAnInvalidCallHandle)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    EXPECT_EQ(server->lineCompleteTransfer(kClient, 0x7777, c, nullptr, LINETRANSFERMODE_TRANSFER),
              LINEERR_INVALCALLHANDLE);
}

TEST_F(LineCompleteTransfer, TransferIdlesBothCallsOfTheTransferringStation)
{
    HCALL out = 0, in = 0, atThird = 0;
    HCALL c = consult(out, in, &atThird);
    std::size_t inBefore = states(*callee.sink, in).size();
    std::size_t cBefore = states(*callee.sink, c).size();
    LONG id = server->lineCompleteTransfer(kClient, in, c, nullptr, LINETRANSFERMODE_TRANSFER);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    ASSERT_TRUE(waitState(*callee.sink, c, LINECALLSTATE_IDLE));
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    EXPECT_EQ(states(*callee.sink, in).size(), inBefore + 1);
    EXPECT_EQ(states(*callee.sink, c).size(), cBefore + 1);
    EXPECT_EQ(lastState(*third.sink, atThird), static_cast<DWORD>(LINECALLSTATE_CONNECTED));
}

TEST_F(LineCompleteTransfer, ConferenceGivesAConferenceHandleNamedByBothConferencedCalls)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    HCALL conf = 0;
    LONG id = server->lineCompleteTransfer(kClient, in, c, &conf, LINETRANSFERMODE_CONFERENCE);
    ASSERT_GT(id, 0);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    ASSERT_NE(conf, 0u);
    EXPECT_NE(conf, in);
    EXPECT_NE(conf, c);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONFERENCED));
    ASSERT_TRUE(waitState(*callee.sink, c, LINECALLSTATE_CONFERENCED));
    ASSERT_TRUE(waitState(*callee.sink, conf, LINECALLSTATE_CONNECTED));
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    EXPECT_EQ(states(*callee.sink, in).back(),
              state(LINECALLSTATE_CONFERENCED, static_cast<DWORD_PTR>(conf)));
    EXPECT_EQ(states(*callee.sink, c).back(),
              state(LINECALLSTATE_CONFERENCED, static_cast<DWORD_PTR>(conf)));
    EXPECT_EQ(states(*callee.sink, conf).front(),
              state(LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE, LINECALLPRIVILEGE_OWNER));
    EXPECT_TRUE(callee.sink->with(LINE_APPNEWCALL).size() == 1u); // only the inbound call
}

TEST_F(LineCompleteTransfer, TheConferenceCallCanBeDroppedByItsHandle)
{
    HCALL out = 0, in = 0;
    HCALL c = consult(out, in);
    HCALL conf = 0;
    ASSERT_EQ(waitReply(*callee.sink, server->lineCompleteTransfer(kClient, in, c, &conf,
                                                                   LINETRANSFERMODE_CONFERENCE)),
              0);
    ASSERT_TRUE(waitState(*callee.sink, conf, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(waitReply(*callee.sink, server->lineDrop(kClient, conf, nullptr, 0)), 0);
    EXPECT_TRUE(waitState(*callee.sink, conf, LINECALLSTATE_IDLE));
}

// ---- lineRedirect -------------------------------------------------------------------------

using LineRedirect = LineFunctions;

TEST_F(LineRedirect, AConnectedCallIsAnInvalidCallState)
{
    auto [out, in] = connect();
    EXPECT_EQ(server->lineRedirect(kClient, in, "102", 0), LINEERR_INVALCALLSTATE);
}

TEST_F(LineRedirect, ANullDestinationIsAnInvalidPointer)
{
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(server->lineRedirect(kClient, in, nullptr, 0), LINEERR_INVALPOINTER);
}

TEST_F(LineRedirect, TheRedirectingStationGoesIdleAndTheCallerKeepsRinging)
{
    HCALL in = 0;
    HCALL out = offer(&in);
    ASSERT_EQ(waitReply(*callee.sink, server->lineRedirect(kClient, in, "102", 0)), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    ASSERT_TRUE(pumpUntil([&] { return newCall(*third.sink) != 0; }));
    EXPECT_EQ(states(*third.sink, newCall(*third.sink)).front(),
              state(LINECALLSTATE_OFFERING, LINEOFFERINGMODE_ACTIVE, LINECALLPRIVILEGE_OWNER));
    EXPECT_EQ(lastState(*caller.sink, out), static_cast<DWORD>(LINECALLSTATE_RINGBACK));
}

// ---- lineGetCallInfo / lineGetCallStatus --------------------------------------------------

using LineGetCallInfo = LineFunctions;

TEST_F(LineGetCallInfo, ANullBufferIsAnInvalidPointer)
{
    HCALL out = offer();
    EXPECT_EQ(server->lineGetCallInfo(kClient, out, nullptr, StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
}

TEST_F(LineGetCallInfo, NamesTheCalledPartyOnTheCallersHandle)
{
    HCALL out = offer();
    Buffer<2048> buffer;
    auto *info = buffer.as<LINECALLINFO>();
    ASSERT_EQ(server->lineGetCallInfo(kClient, out, info, StringEncoding::Utf8), 0);
    EXPECT_EQ(info->hLine, callerLine);
    EXPECT_EQ(info->dwLineDeviceID, device("100"));
    ASSERT_EQ(info->dwCalledIDSize, 4u);
    EXPECT_STREQ(buffer.bytes + info->dwCalledIDOffset, "101");
    EXPECT_EQ(info->dwCallDataSize, 0u);
}

using LineGetCallStatus = LineFunctions;

TEST_F(LineGetCallStatus, BelowTheFixedPartIsStructureTooSmall)
{
    HCALL out = offer();
    Buffer<sizeof(LINECALLSTATUS)> buffer;
    auto *status = buffer.as<LINECALLSTATUS>();
    status->dwTotalSize = 16;
    EXPECT_EQ(server->lineGetCallStatus(kClient, out, status), LINEERR_STRUCTURETOOSMALL);
    EXPECT_GE(status->dwNeededSize, static_cast<DWORD>(sizeof(LINECALLSTATUS)));
}

TEST_F(LineGetCallStatus, ANullBufferIsAnInvalidPointer)
{
    HCALL out = offer();
    EXPECT_EQ(server->lineGetCallStatus(kClient, out, nullptr), LINEERR_INVALPOINTER);
}

TEST_F(LineGetCallStatus, AMonitorHandleHasNoCallFeatures)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    offer();
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    Buffer<512> buffer;
    auto *status = buffer.as<LINECALLSTATUS>();
    ASSERT_EQ(server->lineGetCallStatus(kClient, newCall(*monitor.sink), status), 0);
    EXPECT_EQ(status->dwCallPrivilege, static_cast<DWORD>(LINECALLPRIVILEGE_MONITOR));
    EXPECT_EQ(status->dwCallFeatures, 0u);
    EXPECT_EQ(status->dwCallState, static_cast<DWORD>(LINECALLSTATE_OFFERING));
}

TEST_F(LineGetCallStatus, AnIdleCallStillAnswersIdleUntilDeallocated)
{
    auto [out, in] = connect();
    ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_IDLE));
    Buffer<512> buffer;
    auto *status = buffer.as<LINECALLSTATUS>();
    ASSERT_EQ(server->lineGetCallStatus(kClient, out, status), 0);
    EXPECT_EQ(status->dwCallState, static_cast<DWORD>(LINECALLSTATE_IDLE));
}

// ---- lineGetNewCalls ----------------------------------------------------------------------

using LineGetNewCalls = LineFunctions;

TEST_F(LineGetNewCalls, ACallSelectOtherThanLineOrAddressIsInvalid)
{
    Buffer<256> buffer;
    EXPECT_EQ(server->lineGetNewCalls(kClient, calleeLine, 0, LINECALLSELECT_CALL,
                                      buffer.as<LINECALLLIST>()),
              LINEERR_INVALCALLSELECT);
}

TEST_F(LineGetNewCalls, ASecondAddressIsAnInvalidAddressId)
{
    Buffer<256> buffer;
    EXPECT_EQ(server->lineGetNewCalls(kClient, calleeLine, 1, LINECALLSELECT_ADDRESS,
                                      buffer.as<LINECALLLIST>()),
              LINEERR_INVALADDRESSID);
}

TEST_F(LineGetNewCalls, ANullListIsAnInvalidPointer)
{
    EXPECT_EQ(server->lineGetNewCalls(kClient, calleeLine, 0, LINECALLSELECT_LINE, nullptr),
              LINEERR_INVALPOINTER);
}

TEST_F(LineGetNewCalls, BelowTheFixedPartIsStructureTooSmall)
{
    Buffer<sizeof(LINECALLLIST)> buffer;
    auto *list = buffer.as<LINECALLLIST>();
    list->dwTotalSize = 8;
    EXPECT_EQ(server->lineGetNewCalls(kClient, calleeLine, 0, LINECALLSELECT_LINE, list),
              LINEERR_STRUCTURETOOSMALL);
}

// Regression: a list that fitted only its fixed part said dwCallsNumEntries = 1 with no
// handle in it (dwCallsSize 0), so an application would read handles that were not there.
TEST_F(LineGetNewCalls, AListThatFitsOnlyTheFixedPartCountsNoEntriesAndNeedsRoomForThem)
{
    offer();
    Buffer<sizeof(LINECALLLIST)> buffer;
    auto *list = buffer.as<LINECALLLIST>();
    ASSERT_EQ(server->lineGetNewCalls(kClient, calleeLine, 0, LINECALLSELECT_LINE, list), 0);
    EXPECT_EQ(list->dwNeededSize, static_cast<DWORD>(sizeof(LINECALLLIST) + sizeof(HCALL)));
    EXPECT_EQ(list->dwUsedSize, static_cast<DWORD>(sizeof(LINECALLLIST)));
    EXPECT_EQ(list->dwCallsSize, 0u);
    EXPECT_EQ(list->dwCallsNumEntries, 0u);
}

TEST_F(LineGetNewCalls, ReturnsTheHandleTheApplicationAlreadyHasAndSendsNoMessage)
{
    HCALL in = 0;
    offer(&in);
    std::size_t before = callee.sink->messages.size();
    Buffer<256> buffer;
    auto *list = buffer.as<LINECALLLIST>();
    ASSERT_EQ(server->lineGetNewCalls(kClient, calleeLine, 0, LINECALLSELECT_ADDRESS, list), 0);
    ASSERT_EQ(list->dwCallsNumEntries, 1u);
    HCALL h;
    std::memcpy(&h, buffer.bytes + list->dwCallsOffset, sizeof h);
    EXPECT_EQ(h, in);
    pump();
    EXPECT_EQ(callee.sink->messages.size(), before);
}

// ---- lineDeallocateCall -------------------------------------------------------------------

using LineDeallocateCall = LineFunctions;

TEST_F(LineDeallocateCall, EveryCallFunctionRefusesTheDeallocatedHandle)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    HCALL in = 0;
    offer(&in);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    HCALL h = newCall(*monitor.sink);
    ASSERT_EQ(server->lineSetCallPrivilege(kClient, h, LINECALLPRIVILEGE_OWNER), 0);
    ASSERT_EQ(server->lineDeallocateCall(kClient, h), 0);
    Buffer<2048> buffer;
    HCALL other = 0;
    char data[] = "x";
    EXPECT_EQ(server->lineDial(kClient, h, "102", 0), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineAnswer(kClient, h, nullptr, 0), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineDrop(kClient, h, nullptr, 0), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineHold(kClient, h), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineUnhold(kClient, h), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSwapHold(kClient, h, in), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSwapHold(kClient, in, h), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineBlindTransfer(kClient, h, "102", 0), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSetupTransfer(kClient, h, &other, nullptr), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineCompleteTransfer(kClient, h, in, nullptr, LINETRANSFERMODE_TRANSFER),
              LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineCompleteTransfer(kClient, in, h, nullptr, LINETRANSFERMODE_TRANSFER),
              LINEERR_INVALCONSULTCALLHANDLE);
    EXPECT_EQ(server->lineRedirect(kClient, h, "102", 0), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSetCallData(kClient, h, data, sizeof data), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineGetCallInfo(kClient, h, buffer.as<LINECALLINFO>(), StringEncoding::Utf8),
              LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineGetCallStatus(kClient, h, buffer.as<LINECALLSTATUS>()),
              LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, h, LINECALLPRIVILEGE_MONITOR),
              LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineGetID(kClient, 0, 0, h, LINECALLSELECT_CALL, buffer.as<VARSTRING>(),
                                "tapi/line", StringEncoding::Utf8),
              LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineDeallocateCall(kClient, h), LINEERR_INVALCALLHANDLE);
}

TEST_F(LineDeallocateCall, AMonitorsHandleCanGoWhileTheCallLivesAndGetsNoMoreMessages)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    HCALL in = 0;
    offer(&in);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    HCALL h = newCall(*monitor.sink);
    ASSERT_EQ(server->lineDeallocateCall(kClient, h), 0);
    std::size_t before = monitor.sink->messages.size();
    ASSERT_EQ(waitReply(*callee.sink, server->lineAnswer(kClient, in, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
    EXPECT_EQ(monitor.sink->messages.size(), before);
}

TEST_F(LineDeallocateCall, AnIdleCallsHandleIsDeallocatedByTheOnlyOwner)
{
    auto [out, in] = connect();
    ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_IDLE));
    EXPECT_EQ(server->lineDeallocateCall(kClient, out), 0);
}

TEST_F(LineDeallocateCall, AnotherClientsHandleIsAnInvalidCallHandle)
{
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(server->lineDeallocateCall(kOtherClient, in), LINEERR_INVALCALLHANDLE);
}

// ---- lineSetStatusMessages ----------------------------------------------------------------

using LineSetStatusMessages = LineFunctions;

TEST_F(LineSetStatusMessages, LineDevStateComesOnlyToTheOpensThatEnabledThatState)
{
    // The provider reports the line in service once the first open's monitor is up; the
    // server filters at delivery, so enabling before pumping is in time.
    auto a = initApp(kClient, "enabled");
    auto b = initApp(kClient, "other-state");
    auto c = initApp(kClient, "disabled");
    HLINE la = open(a, "104", LINECALLPRIVILEGE_NONE);
    HLINE lb = open(b, "104", LINECALLPRIVILEGE_NONE);
    open(c, "104", LINECALLPRIVILEGE_NONE);
    ASSERT_EQ(server->lineSetStatusMessages(kClient, la, LINEDEVSTATE_INSERVICE, 0), 0);
    ASSERT_EQ(server->lineSetStatusMessages(kClient, lb, LINEDEVSTATE_OUTOFSERVICE, 0), 0);
    ASSERT_TRUE(pumpUntil([&] { return !a.sink->with(LINE_LINEDEVSTATE).empty(); }));
    pump();
    auto got = a.sink->with(LINE_LINEDEVSTATE);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].hDevice, la);
    EXPECT_EQ(got[0].dwParam1, static_cast<DWORD_PTR>(LINEDEVSTATE_INSERVICE));
    EXPECT_TRUE(b.sink->with(LINE_LINEDEVSTATE).empty());
    EXPECT_TRUE(c.sink->with(LINE_LINEDEVSTATE).empty());
}

TEST_F(LineSetStatusMessages, AClosedLineIsAnInvalidLineHandle)
{
    ASSERT_EQ(server->lineClose(kClient, thirdLine), 0);
    EXPECT_EQ(server->lineSetStatusMessages(kClient, thirdLine, LINEDEVSTATE_INSERVICE, 0),
              LINEERR_INVALLINEHANDLE);
}

// ---- lineGetID ----------------------------------------------------------------------------

using LineGetID = LineFunctions;

DWORD deviceIdIn(const Buffer<64> &buffer)
{
    const auto *id = reinterpret_cast<const VARSTRING *>(buffer.bytes);
    DWORD dev = 0xFFFFFFFF;
    if (id->dwStringSize == 4)
        std::memcpy(&dev, buffer.bytes + id->dwStringOffset, 4);
    return dev;
}

TEST_F(LineGetID, TheCallSelectGivesTheDeviceOfTheCallsLine)
{
    HCALL in = 0;
    offer(&in);
    Buffer<64> buffer;
    ASSERT_EQ(server->lineGetID(kClient, 0, 0, in, LINECALLSELECT_CALL, buffer.as<VARSTRING>(),
                                "tapi/line", StringEncoding::Utf8),
              0);
    EXPECT_EQ(deviceIdIn(buffer), device("101"));
}

TEST_F(LineGetID, TheAddressSelectGivesTheLinesDevice)
{
    Buffer<64> buffer;
    ASSERT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, LINECALLSELECT_ADDRESS,
                                buffer.as<VARSTRING>(), "tapi/line", StringEncoding::Utf8),
              0);
    EXPECT_EQ(deviceIdIn(buffer), device("102"));
}

TEST_F(LineGetID, ASecondAddressIsAnInvalidAddressId)
{
    Buffer<64> buffer;
    EXPECT_EQ(server->lineGetID(kClient, thirdLine, 1, 0, LINECALLSELECT_ADDRESS,
                                buffer.as<VARSTRING>(), "tapi/line", StringEncoding::Utf8),
              LINEERR_INVALADDRESSID);
}

TEST_F(LineGetID, AnUnknownSelectIsAnInvalidCallSelect)
{
    Buffer<64> buffer;
    EXPECT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, 0x10, buffer.as<VARSTRING>(), "tapi/line",
                                StringEncoding::Utf8),
              LINEERR_INVALCALLSELECT);
}

TEST_F(LineGetID, NullBufferOrClassIsAnInvalidPointer)
{
    Buffer<64> buffer;
    EXPECT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, LINECALLSELECT_LINE, nullptr, "tapi/line",
                                StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, LINECALLSELECT_LINE,
                                buffer.as<VARSTRING>(), nullptr, StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
}

TEST_F(LineGetID, BelowTheFixedVarStringIsStructureTooSmall)
{
    Buffer<64> buffer;
    auto *id = buffer.as<VARSTRING>();
    id->dwTotalSize = 8;
    EXPECT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, LINECALLSELECT_LINE, id, "tapi/line",
                                StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
}

TEST_F(LineGetID, AFixedOnlyVarStringSucceedsWithTheNeededSize)
{
    Buffer<64> buffer;
    auto *id = buffer.as<VARSTRING>();
    id->dwTotalSize = sizeof(VARSTRING);
    ASSERT_EQ(server->lineGetID(kClient, thirdLine, 0, 0, LINECALLSELECT_LINE, id, "tapi/line",
                                StringEncoding::Utf8),
              0);
    EXPECT_EQ(id->dwNeededSize, static_cast<DWORD>(sizeof(VARSTRING) + 4));
    EXPECT_EQ(id->dwStringSize, 0u);
}

// ---- lineSetCallPrivilege -----------------------------------------------------------------

using LineSetCallPrivilege = LineFunctions;

TEST_F(LineSetCallPrivilege, AValueOtherThanMonitorOrOwnerIsAnInvalidCallPrivilege)
{
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, in, LINECALLPRIVILEGE_NONE),
              LINEERR_INVALCALLPRIVILEGE);
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, in,
                                           LINECALLPRIVILEGE_OWNER | LINECALLPRIVILEGE_MONITOR),
              LINEERR_INVALCALLPRIVILEGE);
}

// Regression: the sole owner of a live call could make itself a monitor, leaving the call
// with no owner (the documented error is LINEERR_INVALCALLSTATE).
TEST_F(LineSetCallPrivilege, TheSoleOwnerOfALiveCallCannotBecomeAMonitor)
{
    HCALL in = 0;
    offer(&in);
    std::size_t before = callee.sink->messages.size();
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, in, LINECALLPRIVILEGE_MONITOR),
              LINEERR_INVALCALLSTATE);
    Buffer<512> buffer;
    auto *status = buffer.as<LINECALLSTATUS>();
    ASSERT_EQ(server->lineGetCallStatus(kClient, in, status), 0);
    EXPECT_EQ(status->dwCallPrivilege, static_cast<DWORD>(LINECALLPRIVILEGE_OWNER));
    pump();
    EXPECT_EQ(callee.sink->messages.size(), before);
}

TEST_F(LineSetCallPrivilege, TheSoleOwnerOfAnIdleCallMayBecomeAMonitor)
{
    auto [out, in] = connect();
    ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_IDLE));
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, out, LINECALLPRIVILEGE_MONITOR), 0);
}

TEST_F(LineSetCallPrivilege, AMonitorBecomingOwnerTellsEveryHandleThroughCallInfo)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    HCALL in = 0;
    offer(&in);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    HCALL h = newCall(*monitor.sink);
    ASSERT_EQ(server->lineSetCallPrivilege(kClient, h, LINECALLPRIVILEGE_OWNER), 0);
    constexpr DWORD_PTR kBits = LINECALLINFOSTATE_NUMOWNERINCR | LINECALLINFOSTATE_NUMMONITORS;
    auto mine = monitor.sink->with(LINE_CALLINFO);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].hDevice, h);
    EXPECT_EQ(mine[0].dwParam1, kBits);
    auto theirs = callee.sink->with(LINE_CALLINFO);
    ASSERT_EQ(theirs.size(), 1u);
    EXPECT_EQ(theirs[0].hDevice, in);
    EXPECT_EQ(theirs[0].dwParam1, kBits);
}

TEST_F(LineSetCallPrivilege, OneOfTwoOwnersOfALiveCallMayBecomeAMonitor)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    HCALL in = 0;
    offer(&in);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    ASSERT_EQ(
        server->lineSetCallPrivilege(kClient, newCall(*monitor.sink), LINECALLPRIVILEGE_OWNER), 0);
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, in, LINECALLPRIVILEGE_MONITOR), 0);
    auto mine = callee.sink->with(LINE_CALLINFO);
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[1].dwParam1, static_cast<DWORD_PTR>(LINECALLINFOSTATE_NUMOWNERDECR
                                                       | LINECALLINFOSTATE_NUMMONITORS));
}

TEST_F(LineSetCallPrivilege, TheSamePrivilegeAgainSendsNothing)
{
    HCALL in = 0;
    offer(&in);
    std::size_t before = callee.sink->messages.size();
    EXPECT_EQ(server->lineSetCallPrivilege(kClient, in, LINECALLPRIVILEGE_OWNER), 0);
    pump();
    EXPECT_EQ(callee.sink->messages.size(), before);
}

// ---- lineSetCallData ----------------------------------------------------------------------

using LineSetCallData = LineFunctions;

TEST_F(LineSetCallData, EveryHandleGetsCallInfoCallDataBeforeTheSingleReply)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    HCALL in = 0;
    offer(&in);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    HCALL h = newCall(*monitor.sink);
    char data[] = "skill=7";
    LONG id = server->lineSetCallData(kClient, in, data, sizeof data);
    ASSERT_GT(id, 0);
    ASSERT_EQ(waitReply(*callee.sink, id), 0);
    pump();
    EXPECT_EQ(callee.sink->replies(id), 1u);
    long info = indexOf(*callee.sink, LINE_CALLINFO, in, LINECALLINFOSTATE_CALLDATA);
    ASSERT_GE(info, 0);
    long reply = -1;
    for (std::size_t i = 0; i < callee.sink->messages.size(); ++i)
        if (callee.sink->messages[i].dwMessageID == LINE_REPLY
            && callee.sink->messages[i].dwParam1 == static_cast<DWORD_PTR>(id))
            reply = static_cast<long>(i);
    EXPECT_LT(info, reply);
    EXPECT_GE(indexOf(*monitor.sink, LINE_CALLINFO, h, LINECALLINFOSTATE_CALLDATA), 0);
    Buffer<2048> buffer;
    auto *ci = buffer.as<LINECALLINFO>();
    ASSERT_EQ(server->lineGetCallInfo(kClient, h, ci, StringEncoding::Utf8), 0);
    ASSERT_EQ(ci->dwCallDataSize, sizeof data);
    EXPECT_STREQ(buffer.bytes + ci->dwCallDataOffset, "skill=7");
}

TEST_F(LineSetCallData, AMonitorIsNotTheOwner)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    offer();
    ASSERT_TRUE(pumpUntil([&] { return newCall(*monitor.sink) != 0; }));
    char data[] = "x";
    EXPECT_EQ(server->lineSetCallData(kClient, newCall(*monitor.sink), data, sizeof data),
              LINEERR_NOTOWNER);
}

TEST_F(LineSetCallData, ANullBufferWithASizeIsAnInvalidPointer)
{
    HCALL in = 0;
    offer(&in);
    EXPECT_EQ(server->lineSetCallData(kClient, in, nullptr, 4), LINEERR_INVALPOINTER);
}

TEST_F(LineSetCallData, EmptyDataClearsTheCallData)
{
    HCALL in = 0;
    offer(&in);
    char data[] = "abc";
    ASSERT_EQ(waitReply(*callee.sink, server->lineSetCallData(kClient, in, data, sizeof data)), 0);
    ASSERT_EQ(waitReply(*callee.sink, server->lineSetCallData(kClient, in, nullptr, 0)), 0);
    Buffer<2048> buffer;
    auto *ci = buffer.as<LINECALLINFO>();
    ASSERT_EQ(server->lineGetCallInfo(kClient, in, ci, StringEncoding::Utf8), 0);
    EXPECT_EQ(ci->dwCallDataSize, 0u);
}

} // namespace
} // namespace acd::tapi::test
