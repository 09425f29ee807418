// The TAPI server's copy of a provider's structure into the application's buffer (repack.h):
// binary blocks start DWORD-aligned wherever the text before them ended.
#include "repack.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <string>

namespace acd::tapi {
namespace {

/// A variable-size structure with one text and one binary field.
struct TwoFields {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNameSize;
    DWORD dwNameOffset;
    DWORD dwDataSize;
    DWORD dwDataOffset;
};

constexpr char kName[] = "queue 7"; // 8 bytes with its NUL: the data would follow at 36
constexpr char kOddName[] = "q7";   // 3 bytes: the data would follow at 31
constexpr DWORD kData[2] = {0x01020304, 42};

LONG fill(void *dst, std::string_view name)
{
    TwoFields fixed{};
    return repack(
        dst, &fixed, sizeof fixed,
        {VarField{offsetof(TwoFields, dwNameSize), offsetof(TwoFields, dwNameOffset), name, true},
         VarField{offsetof(TwoFields, dwDataSize), offsetof(TwoFields, dwDataOffset),
                  std::string_view(reinterpret_cast<const char *>(kData), sizeof kData), false}},
        StringEncoding::Utf8);
}

TEST(Repack, BinaryDataAfterTextOfAnOddLengthStartsAtTheNextMultipleOfFour)
{
    alignas(8) unsigned char buffer[128];
    std::memset(buffer, 0xEE, sizeof buffer);
    auto *s = reinterpret_cast<TwoFields *>(buffer);
    s->dwTotalSize = sizeof buffer;
    ASSERT_EQ(fill(buffer, std::string_view(kOddName, sizeof kOddName)), 0);
    EXPECT_EQ(s->dwNameOffset, sizeof(TwoFields));
    EXPECT_EQ(s->dwNameSize, 3u);
    EXPECT_EQ(s->dwDataOffset, 32u);
    EXPECT_EQ(s->dwDataSize, sizeof kData);
    EXPECT_EQ(buffer[31], 0); // the padding is zeroed, not left as it was
    EXPECT_EQ(std::memcmp(buffer + 32, kData, sizeof kData), 0);
    EXPECT_EQ(s->dwUsedSize, 40u);
    EXPECT_EQ(s->dwNeededSize, 40u);
}

TEST(Repack, TextOfALengthThatKeepsTheAlignmentAddsNoPadding)
{
    alignas(8) unsigned char buffer[128] = {};
    auto *s = reinterpret_cast<TwoFields *>(buffer);
    s->dwTotalSize = sizeof buffer;
    ASSERT_EQ(fill(buffer, std::string_view(kName, sizeof kName)), 0);
    EXPECT_EQ(s->dwDataOffset, sizeof(TwoFields) + sizeof kName);
    EXPECT_EQ(s->dwNeededSize, sizeof(TwoFields) + sizeof kName + sizeof kData);
}

TEST(Repack, ABufferOfTheNeededSizeHoldsTheBinaryDataWithItsPadding)
{
    alignas(8) unsigned char buffer[128] = {};
    auto *s = reinterpret_cast<TwoFields *>(buffer);
    s->dwTotalSize = 36; // the text fits, the padded data does not
    ASSERT_EQ(fill(buffer, std::string_view(kOddName, sizeof kOddName)), 0);
    EXPECT_EQ(s->dwNameSize, 3u);
    EXPECT_EQ(s->dwDataSize, 0u);
    EXPECT_EQ(s->dwDataOffset, 0u);
    EXPECT_EQ(s->dwUsedSize, 31u);
    ASSERT_EQ(s->dwNeededSize, 40u);
    s->dwTotalSize = s->dwNeededSize;
    ASSERT_EQ(fill(buffer, std::string_view(kOddName, sizeof kOddName)), 0);
    EXPECT_EQ(s->dwDataOffset, 32u);
    EXPECT_EQ(s->dwDataSize, sizeof kData);
}

} // namespace
} // namespace acd::tapi
