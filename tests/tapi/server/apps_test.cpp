// Applications, version negotiation, device capabilities, opening and closing lines.
#include "server_fixture.h"

#include <cstring>

namespace acd::tapi::test {
namespace {

using Apps = ServerFixture;

TEST_F(Apps, InitializeReportsEveryProviderLineAndVersionTwoPointTwo)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0, version = TAPI_VERSION3_0;
    ASSERT_EQ(server->lineInitializeEx(kClient, &app, std::make_shared<RecordingSink>(), "a", {},
                                       &numDevs, &version),
              0);
    EXPECT_NE(app, 0u);
    EXPECT_EQ(numDevs, 8u); // 6 stations + 2 route points
    EXPECT_EQ(version, static_cast<DWORD>(TAPI_VERSION2_2));
}

TEST_F(Apps, InitializeRefusesAnApplicationOlderThanTwoPointZero)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0, version = TAPI_VERSION1_4;
    EXPECT_EQ(server->lineInitializeEx(kClient, &app, std::make_shared<RecordingSink>(), "a", {},
                                       &numDevs, &version),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(Apps, NegotiationPicksTheHighestCommonVersion)
{
    auto app = initApp();
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, app.handle, 0, TAPI_VERSION2_0,
                                              TAPI_VERSION3_1, &version, &ext),
              0);
    EXPECT_EQ(version, static_cast<DWORD>(TAPI_VERSION2_2));
}

TEST_F(Apps, NegotiationFailsWhenTheRangesDoNotOverlap)
{
    auto app = initApp();
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, app.handle, 0, TAPI_VERSION1_0,
                                              TAPI_VERSION1_4, &version, &ext),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(Apps, AnUnknownDeviceIsABadDeviceId)
{
    auto app = initApp();
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, app.handle, 8, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              LINEERR_BADDEVICEID);
}

TEST_F(Apps, AStaleApplicationHandleIsRefused)
{
    auto app = initApp();
    ASSERT_EQ(server->lineShutdown(kClient, app.handle), 0);
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(kClient, app.handle, 0, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              LINEERR_INVALAPPHANDLE);
    EXPECT_EQ(server->lineShutdown(kClient, app.handle), LINEERR_INVALAPPHANDLE);
}

TEST_F(Apps, AnotherClientsApplicationHandleIsRefused)
{
    auto app = initApp(kClient);
    EXPECT_EQ(server->lineShutdown(kOtherClient, app.handle), LINEERR_INVALAPPHANDLE);
}

TEST_F(Apps, AStationsAddressCapsCarryItsExtension)
{
    auto app = initApp();
    alignas(8) char buffer[2048] = {};
    auto *caps = reinterpret_cast<LINEADDRESSCAPS *>(buffer);
    caps->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetAddressCaps(kClient, app.handle, device("102"), 0, TAPI_VERSION2_2,
                                         0, caps, StringEncoding::Utf8),
              0);
    ASSERT_EQ(caps->dwAddressSize, 4u);
    EXPECT_STREQ(buffer + caps->dwAddressOffset, "102");
    EXPECT_EQ(caps->dwLineDeviceID, device("102"));
}

TEST_F(Apps, WideAddressCapsCarryTheExtensionInUtf16)
{
    auto app = initApp();
    alignas(8) char buffer[2048] = {};
    auto *caps = reinterpret_cast<LINEADDRESSCAPS *>(buffer);
    caps->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetAddressCaps(kClient, app.handle, device("102"), 0, TAPI_VERSION2_2,
                                         0, caps, StringEncoding::Utf16),
              0);
    ASSERT_EQ(caps->dwAddressSize, 8u);
    std::u16string text(reinterpret_cast<const char16_t *>(buffer + caps->dwAddressOffset), 3);
    EXPECT_EQ(text, u"102");
}

TEST_F(Apps, DevCapsBelowTheFixedPartIsStructureTooSmallWithTheNeededSize)
{
    auto app = initApp();
    LINEDEVCAPS caps{};
    caps.dwTotalSize = 16;
    EXPECT_EQ(server->lineGetDevCaps(kClient, app.handle, 0, TAPI_VERSION2_2, 0, &caps,
                                     StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_GT(caps.dwNeededSize, static_cast<DWORD>(offsetof(LINEDEVCAPS, dwAddressTypes)));
}

TEST_F(Apps, DevCapsThatFitOnlyTheFixedPartLeaveEveryStringEmpty)
{
    auto app = initApp();
    alignas(8) char buffer[sizeof(LINEDEVCAPS)] = {};
    auto *caps = reinterpret_cast<LINEDEVCAPS *>(buffer);
    caps->dwTotalSize = offsetof(LINEDEVCAPS, dwAddressTypes);
    ASSERT_EQ(server->lineGetDevCaps(kClient, app.handle, 0, TAPI_VERSION2_2, 0, caps,
                                     StringEncoding::Utf8),
              0);
    EXPECT_GT(caps->dwNeededSize, caps->dwTotalSize);
    EXPECT_EQ(caps->dwUsedSize, static_cast<DWORD>(offsetof(LINEDEVCAPS, dwAddressTypes)));
    EXPECT_EQ(caps->dwProviderInfoSize, 0u);
    EXPECT_EQ(caps->dwProviderInfoOffset, 0u);
    EXPECT_EQ(caps->dwLineNameSize, 0u);
    EXPECT_EQ(caps->dwNumAddresses, 1u);
}

TEST_F(Apps, OpeningWithoutNegotiatingIsAnIncompatibleVersion)
{
    auto app = initApp();
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, app.handle, 0, &line, TAPI_VERSION2_2, 0, 0,
                               LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(Apps, OpeningWithAnUnknownPrivilegeIsAnInvalidPrivilegeSelection)
{
    auto app = initApp();
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    ASSERT_EQ(server->lineNegotiateAPIVersion(kClient, app.handle, 0, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              0);
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, app.handle, 0, &line, version, 0, 0, 0x00000040,
                               LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              LINEERR_INVALPRIVSELECT);
}

TEST_F(Apps, AClosedLineHandleIsStale)
{
    auto app = initApp();
    HLINE line = open(app, "100", LINECALLPRIVILEGE_OWNER);
    ASSERT_EQ(server->lineClose(kClient, line), 0);
    EXPECT_EQ(server->lineClose(kClient, line), LINEERR_INVALLINEHANDLE);
}

TEST_F(Apps, GetIdReturnsTheLineDeviceIdForTheTapiLineClass)
{
    auto app = initApp();
    HLINE line = open(app, "103", LINECALLPRIVILEGE_NONE);
    alignas(8) char buffer[64] = {};
    auto *id = reinterpret_cast<VARSTRING *>(buffer);
    id->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetID(kClient, line, 0, 0, LINECALLSELECT_LINE, id, "tapi/line",
                                StringEncoding::Utf8),
              0);
    ASSERT_EQ(id->dwStringSize, 4u);
    DWORD dev;
    std::memcpy(&dev, buffer + id->dwStringOffset, 4);
    EXPECT_EQ(dev, device("103"));
    EXPECT_EQ(id->dwStringFormat, static_cast<DWORD>(STRINGFORMAT_BINARY));
    EXPECT_EQ(server->lineGetID(kClient, line, 0, 0, LINECALLSELECT_LINE, id, "wave/in",
                                StringEncoding::Utf8),
              LINEERR_INVALDEVICECLASS);
}

TEST_F(Apps, StatusMessagesRejectUnknownStateBits)
{
    auto app = initApp();
    HLINE line = open(app, "103", LINECALLPRIVILEGE_NONE);
    EXPECT_EQ(server->lineSetStatusMessages(kClient, line, LINEDEVSTATE_INSERVICE, 0), 0);
    EXPECT_EQ(server->lineSetStatusMessages(kClient, line, 0x80000000, 0),
              LINEERR_INVALLINESTATE);
    EXPECT_EQ(server->lineSetStatusMessages(kClient, line, 0, 0x80000000),
              LINEERR_INVALADDRESSSTATE);
}

TEST_F(Apps, AddressStatusOfAnOpenLineSucceedsAndABadAddressIsRefused)
{
    auto app = initApp();
    HLINE line = open(app, "104", LINECALLPRIVILEGE_OWNER);
    alignas(8) char buffer[512] = {};
    auto *status = reinterpret_cast<LINEADDRESSSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    EXPECT_EQ(server->lineGetAddressStatus(kClient, line, 0, status, StringEncoding::Utf8), 0);
    EXPECT_EQ(status->dwNumInUse, 0u);
    EXPECT_EQ(server->lineGetAddressStatus(kClient, line, 1, status, StringEncoding::Utf8),
              LINEERR_INVALADDRESSID);
}

} // namespace
} // namespace acd::tapi::test
