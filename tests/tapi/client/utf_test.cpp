#include "utf.h"

#include <gtest/gtest.h>

using acd::tapi::client::utf16ToUtf8;

TEST(Utf16ToUtf8, AsciiStaysAscii)
{
    EXPECT_EQ(utf16ToUtf8(u"2001"), "2001");
}

TEST(Utf16ToUtf8, EmptyStringIsEmpty)
{
    EXPECT_EQ(utf16ToUtf8(u""), "");
}

TEST(Utf16ToUtf8, TwoAndThreeByteSequences)
{
    EXPECT_EQ(utf16ToUtf8(u"\u00e9\u07ff\u0800\uffff"), "\xc3\xa9\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf");
}

TEST(Utf16ToUtf8, SurrogatePairsBecomeFourByteSequences)
{
    const char16_t pair[] = {0xD83D, 0xDE00, 0}; // U+1F600
    EXPECT_EQ(utf16ToUtf8(pair), "\xf0\x9f\x98\x80");
    const char16_t highest[] = {0xDBFF, 0xDFFF, 0}; // U+10FFFF
    EXPECT_EQ(utf16ToUtf8(highest), "\xf4\x8f\xbf\xbf");
}

TEST(Utf16ToUtf8, UnpairedSurrogatesBecomeReplacementCharacters)
{
    const char16_t loneHighAtEnd[] = {u'a', 0xD83D, 0};
    EXPECT_EQ(utf16ToUtf8(loneHighAtEnd), "a\xef\xbf\xbd");
    const char16_t loneLow[] = {0xDE00, u'b', 0};
    EXPECT_EQ(utf16ToUtf8(loneLow), "\xef\xbf\xbd"
                                    "b");
    const char16_t highThenLetter[] = {0xD83D, u'c', 0};
    EXPECT_EQ(utf16ToUtf8(highThenLetter), "\xef\xbf\xbd"
                                           "c");
    const char16_t twoHighs[] = {0xD83D, 0xD83D, 0xDE00, 0};
    EXPECT_EQ(utf16ToUtf8(twoHighs), "\xef\xbf\xbd\xf0\x9f\x98\x80");
}
