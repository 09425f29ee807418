// tapi.h / tspi.h: Windows-compatible sizes, offsets and values, so TAPI programs and the
// wire see the same bytes as on Windows (1-byte packing, 32-bit DWORD/LONG/handles).
#include <gtest/gtest.h>

#include <cstddef>

#include "tspi.h"

extern "C" LONG tapiC99Check(void);

namespace {

TEST(TapiLayout, BaseTypesHaveTheWindowsWidths) {
    EXPECT_EQ(sizeof(DWORD), 4u);
    EXPECT_EQ(sizeof(LONG), 4u);
    EXPECT_EQ(sizeof(HLINEAPP), 4u);
    EXPECT_EQ(sizeof(HLINE), 4u);
    EXPECT_EQ(sizeof(HCALL), 4u);
    EXPECT_EQ(sizeof(DWORD_PTR), sizeof(void *));
    EXPECT_EQ(sizeof(GUID), 16u);
}

TEST(TapiLayout, LineAndCallStructuresHaveTheWindowsSizes) {
    EXPECT_EQ(sizeof(LINEDIALPARAMS), 16u);
    EXPECT_EQ(sizeof(LINEEXTENSIONID), 16u);
    EXPECT_EQ(sizeof(VARSTRING), 24u);
    EXPECT_EQ(sizeof(LINEDEVCAPS), 292u);
    EXPECT_EQ(sizeof(LINEADDRESSCAPS), 228u);
    EXPECT_EQ(sizeof(LINEADDRESSSTATUS), 64u);
    EXPECT_EQ(sizeof(LINECALLINFO), 344u);
    EXPECT_EQ(sizeof(LINECALLSTATUS), 56u);
    EXPECT_EQ(sizeof(LINECALLPARAMS), 180u);
}

TEST(TapiLayout, VersionDependentFixedPartsEndWhereWindowsEndsThem) {
    EXPECT_EQ(offsetof(LINEDEVCAPS, PermanentLineGuid), 252u); // TAPI 2.0/2.1 fixed part
    EXPECT_EQ(offsetof(LINEDEVCAPS, dwAddressTypes), 268u);    // TAPI 2.2 fixed part
    EXPECT_EQ(offsetof(LINECALLINFO, dwCallTreatment), 296u);  // TAPI 1.4 fixed part
    EXPECT_EQ(offsetof(LINECALLINFO, dwCallerIDAddressType), 324u);
    EXPECT_EQ(offsetof(LINECALLSTATUS, tStateEntryTime), 40u);
}

TEST(TapiLayout, ConstantsHaveTheDocumentedValues) {
    EXPECT_EQ(LINEERR_ALLOCATED, static_cast<LONG>(0x80000001));
    EXPECT_EQ(LINEERR_STRUCTURETOOSMALL, static_cast<LONG>(0x8000004D));
    EXPECT_EQ(LINEERR_DISCONNECTED, static_cast<LONG>(0x80000060));
    EXPECT_EQ(LINEERR_SERVICE_NOT_RUNNING, static_cast<LONG>(0x80000061));
    EXPECT_EQ(LINECALLSTATE_ONHOLDPENDTRANSFER, 0x2000);
    EXPECT_EQ(LINECALLSTATE_UNKNOWN, 0x8000);
    EXPECT_EQ(LINE_CALLSTATE, 2);
    EXPECT_EQ(LINE_LINEDEVSTATE, 8);
    EXPECT_EQ(LINE_REPLY, 12);
    EXPECT_EQ(LINE_PROXYSTATUS, 31);
    EXPECT_EQ(LINE_NEWCALL, 500);
    EXPECT_EQ(LINEDEVSTATE_OUTOFSERVICE, 0x80);
    EXPECT_EQ(LINECALLPRIVILEGE_OWNER, 4);
    EXPECT_EQ(LINETRANSFERMODE_CONFERENCE, 2);
    EXPECT_EQ(INITIALIZE_NEGOTIATION, 0xFFFFFFFFu);
}

TEST(TapiLayout, TheHeadersCompileAsC99) {
    EXPECT_EQ(tapiC99Check(), 0);
}

} // namespace
