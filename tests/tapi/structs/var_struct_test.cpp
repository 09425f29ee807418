#include "acd/tapi/var_struct.h"
#include "test_buffer.h"

#include <gtest/gtest.h>

using namespace acd::tapi;
using acd::tapi::test::TestBuffer;

TEST(Utf8ToUtf16, ConvertsAsciiAndTwoByteSequences)
{
    EXPECT_EQ(utf8ToUtf16("Zo\xC3\xAB"), u"Zo\u00EB");
}

TEST(Utf8ToUtf16, ConvertsThreeByteSequences)
{
    EXPECT_EQ(utf8ToUtf16("\xE2\x82\xAC"), u"\u20AC");
}

TEST(Utf8ToUtf16, ConvertsFourByteSequencesToASurrogatePair)
{
    const std::u16string out = utf8ToUtf16("\xF0\x9F\x98\x80");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], 0xD83D);
    EXPECT_EQ(out[1], 0xDE00);
}

TEST(Utf8ToUtf16, ReplacesAnInvalidLeadByteWithOneReplacementCharacter)
{
    EXPECT_EQ(utf8ToUtf16("a\xFF"
                          "b"),
              u"a\uFFFDb");
}

TEST(Utf8ToUtf16, ReplacesAStrayContinuationByte)
{
    EXPECT_EQ(utf8ToUtf16("\x80"
                          "x"),
              u"\uFFFDx");
}

TEST(Utf8ToUtf16, ReplacesATruncatedSequenceWithOneReplacementCharacter)
{
    EXPECT_EQ(utf8ToUtf16("\xE2\x82"
                          "x"),
              u"\uFFFDx");
    EXPECT_EQ(utf8ToUtf16("\xF0\x9F\x98"), u"\uFFFD");
}

TEST(Utf8ToUtf16, RejectsOverlongSurrogateAndOutOfRangeEncodings)
{
    EXPECT_EQ(utf8ToUtf16("\xC0\xAF"), u"\uFFFD\uFFFD");                     // overlong '/'
    EXPECT_EQ(utf8ToUtf16("\xED\xA0\x80"), u"\uFFFD\uFFFD\uFFFD");           // U+D800
    EXPECT_EQ(utf8ToUtf16("\xF4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD"); // > U+10FFFF
}

TEST(EncodeString, Utf16IsLittleEndianWithATwoByteTerminator)
{
    EXPECT_EQ(encodeString("A\xC3\xAB", StringEncoding::Utf16), std::string("A\0\xEB\0\0\0", 6));
    EXPECT_EQ(encodedSize("A\xC3\xAB", StringEncoding::Utf16), 6u);
}

TEST(EncodeString, Utf8KeepsTheBytesAndAddsOneNul)
{
    EXPECT_EQ(encodeString("A\xC3\xAB", StringEncoding::Utf8), std::string("A\xC3\xAB\0", 4));
}

TEST(EncodeString, AnEmptyStringTakesNoBytes)
{
    EXPECT_EQ(encodedSize("", StringEncoding::Utf8), 0u);
    EXPECT_EQ(encodedSize("", StringEncoding::Utf16), 0u);
}

TEST(CheckFixedPart, RejectsATotalSizeBelowTheFixedPartAndSetsNeededSize)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(20);
    EXPECT_EQ(checkFixedPart(buf.get(), 24), LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf.dwordAt(4), 24u);
    EXPECT_EQ(buf.dwordAt(8), 0xCCCCCCCCu); // nothing else written
}

TEST(CheckFixedPart, WritesNothingWhenNeededSizeItselfLiesOutsideTheBuffer)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(4);
    EXPECT_EQ(checkFixedPart(buf.get(), 24), LINEERR_STRUCTURETOOSMALL);
    EXPECT_TRUE(buf.guardIntact());
}

TEST(CheckFixedPart, AcceptsATotalSizeEqualToTheFixedPart)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(24);
    EXPECT_TRUE(fitsFixedPart(buf.get(), 24));
    EXPECT_EQ(checkFixedPart(buf.get(), 24), 0);
}

TEST(VarStructWriter, ZeroesTheFixedPartExceptTotalSize)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(64);
    VarStructWriter w(buf.get(), 24);
    EXPECT_EQ(buf->dwTotalSize, 64u);
    EXPECT_EQ(buf->dwNeededSize, 24u);
    EXPECT_EQ(buf->dwUsedSize, 24u);
    EXPECT_EQ(buf->dwNumEntries, 0u);
    EXPECT_EQ(buf->dwListSize, 0u);
    EXPECT_EQ(buf->dwListOffset, 0u);
    EXPECT_EQ(buf.bytes()[24], std::byte{0xCC}); // the variable part is left alone
}

TEST(VarStructWriter, PlacesFieldsContiguouslyAfterTheFixedPart)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(64);
    VarStructWriter w(buf.get(), 24);
    EXPECT_EQ(w.appendString("ab", StringEncoding::Utf8), (Placement{3, 24}));
    EXPECT_EQ(w.appendString("c", StringEncoding::Utf16), (Placement{4, 27}));
    EXPECT_EQ(buf->dwUsedSize, 31u);
    EXPECT_EQ(buf->dwNeededSize, 31u);
    EXPECT_EQ(buf.utf8At(24, 3), "ab");
    EXPECT_EQ(buf.utf16At(27, 4), u"c");
}

TEST(VarStructWriter, LeavesAFieldThatDoesNotFitEmptyAndCountsIt)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(30);
    VarStructWriter w(buf.get(), 24);
    EXPECT_EQ(w.appendString("too long", StringEncoding::Utf8), (Placement{}));
    EXPECT_EQ(buf->dwNeededSize, 33u);
    EXPECT_EQ(buf->dwUsedSize, 24u);
    EXPECT_EQ(buf.bytes()[24], std::byte{0xCC}); // not truncated into the space left
    EXPECT_TRUE(buf.guardIntact());
}

TEST(VarStructWriter, StillPlacesASmallerFieldAfterOneThatDidNotFit)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(30);
    VarStructWriter w(buf.get(), 24);
    w.appendString("too long", StringEncoding::Utf8);
    EXPECT_EQ(w.appendString("ok", StringEncoding::Utf8), (Placement{3, 24}));
    EXPECT_EQ(buf->dwNeededSize, 36u);
    EXPECT_EQ(buf->dwUsedSize, 27u);
}

TEST(VarStructWriter, GivesAnEmptyStringSizeAndOffsetZero)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(64);
    VarStructWriter w(buf.get(), 24);
    EXPECT_EQ(w.appendString("", StringEncoding::Utf16), (Placement{}));
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

TEST(VarStructWriter, FillsExactlyToTheTotalSize)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(28);
    VarStructWriter w(buf.get(), 24);
    EXPECT_EQ(w.appendString("abc", StringEncoding::Utf8), (Placement{4, 24}));
    EXPECT_EQ(buf->dwUsedSize, 28u);
    EXPECT_TRUE(buf.guardIntact());
}

TEST(VarStructWriter, CountOnlyGrowsNeededSizeButNotUsedSize)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(64);
    VarStructWriter w(buf.get(), 24);
    w.countOnly(10);
    EXPECT_EQ(buf->dwNeededSize, 34u);
    EXPECT_EQ(buf->dwUsedSize, 24u);
}
