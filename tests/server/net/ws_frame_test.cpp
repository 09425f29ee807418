// The RFC 6455 frame codec: lengths, masking, fragmentation, control frames, close codes,
// limits, UTF-8, and a robustness sweep over random bytes.
#include "acd/net/ws_frame.h"

#include <gtest/gtest.h>

#include <random>

using namespace acd::net;

namespace {

const std::uint8_t kMask[4] = {0x37, 0xfa, 0x21, 0x3d};

std::string clientFrame(Opcode op, std::string_view payload, bool fin = true)
{
    return encodeFrame(op, payload, fin, kMask);
}

std::vector<WsEvent> decodeAll(FrameDecoder &decoder, std::string_view bytes)
{
    decoder.feed(bytes);
    std::vector<WsEvent> events;
    while (auto event = decoder.next())
        events.push_back(std::move(*event));
    return events;
}

} // namespace

TEST(WsFrame, MaskedTextFrameDecodesToItsMessage)
{
    // RFC 6455 section 5.7: a single-frame masked text message "Hello".
    const std::string rfc("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58", 11);
    EXPECT_EQ(clientFrame(Opcode::Text, "Hello"), rfc);
    FrameDecoder decoder;
    auto events = decodeAll(decoder, rfc);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Text);
    EXPECT_EQ(events[0].payload, "Hello");
}

TEST(WsFrame, SevenSixteenAndSixtyFourBitLengthsRoundTrip)
{
    for (std::size_t size : {0u, 125u, 126u, 65535u, 65536u, 200000u}) {
        std::string payload(size, 'x');
        std::string frame = clientFrame(Opcode::Binary, payload);
        std::size_t header = size < 126 ? 2 : size <= 65535 ? 4 : 10;
        EXPECT_EQ(frame.size(), header + 4 + size) << size;
        FrameDecoder decoder;
        auto events = decodeAll(decoder, frame);
        ASSERT_EQ(events.size(), 1u) << size;
        EXPECT_EQ(events[0].kind, WsEvent::Kind::Binary);
        EXPECT_EQ(events[0].payload.size(), size);
    }
}

TEST(WsFrame, BytesFedOneAtATimeGiveTheSameMessage)
{
    std::string frame = clientFrame(Opcode::Text, std::string(300, 'a'));
    FrameDecoder decoder;
    std::vector<WsEvent> events;
    for (char byte : frame) {
        decoder.feed(&byte, 1);
        while (auto event = decoder.next())
            events.push_back(*event);
    }
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].payload, std::string(300, 'a'));
}

TEST(WsFrame, FragmentsAreReassembledAroundAnInterleavedPing)
{
    std::string bytes = clientFrame(Opcode::Text, "Hel", false)
                        + clientFrame(Opcode::Ping, "p")
                        + clientFrame(Opcode::Continuation, "lo ", false)
                        + clientFrame(Opcode::Continuation, "world", true);
    FrameDecoder decoder;
    auto events = decodeAll(decoder, bytes);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Ping);
    EXPECT_EQ(events[0].payload, "p");
    EXPECT_EQ(events[1].kind, WsEvent::Kind::Text);
    EXPECT_EQ(events[1].payload, "Hello world");
    EXPECT_EQ(decoder.frameCount(), 4u);
}

TEST(WsFrame, ReadingIntoOneEventReusesItsStringForTheNextMessage)
{
    FrameDecoder decoder;
    decoder.feed(clientFrame(Opcode::Text, std::string(100, 'a')) + clientFrame(Opcode::Text, "b"));
    WsEvent event;
    ASSERT_TRUE(decoder.next(event));
    EXPECT_EQ(event.payload, std::string(100, 'a'));
    const char *storage = event.payload.data();
    ASSERT_TRUE(decoder.next(event));
    EXPECT_EQ(event.kind, WsEvent::Kind::Text);
    EXPECT_EQ(event.payload, "b");
    EXPECT_EQ(event.payload.data(), storage); // no new allocation
    EXPECT_FALSE(decoder.next(event));
}

TEST(WsFrame, ReadingIntoOneEventReassemblesFragmentsAroundAPing)
{
    FrameDecoder decoder;
    decoder.feed(clientFrame(Opcode::Text, "Hel", false) + clientFrame(Opcode::Ping, "p")
                 + clientFrame(Opcode::Continuation, "lo", true)
                 + clientFrame(Opcode::Close, std::string("\x03\xe8"
                                                          "bye",
                                                          5)));
    WsEvent event;
    ASSERT_TRUE(decoder.next(event));
    EXPECT_EQ(event.kind, WsEvent::Kind::Ping);
    EXPECT_EQ(event.payload, "p");
    ASSERT_TRUE(decoder.next(event));
    EXPECT_EQ(event.kind, WsEvent::Kind::Text);
    EXPECT_EQ(event.payload, "Hello");
    ASSERT_TRUE(decoder.next(event));
    EXPECT_EQ(event.kind, WsEvent::Kind::Close);
    EXPECT_EQ(event.code, 1000);
    EXPECT_EQ(event.payload, "bye");
}

TEST(WsFrame, UnmaskedClientFrameIsProtocolError1002)
{
    FrameDecoder decoder;
    auto events = decodeAll(decoder, encodeFrame(Opcode::Text, "hi"));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Error);
    EXPECT_EQ(events[0].code, 1002);
    EXPECT_TRUE(decoder.failed());
    EXPECT_FALSE(decoder.next().has_value());
}

TEST(WsFrame, ReservedBitsAndUnknownOpcodesAreProtocolError1002)
{
    for (unsigned char first : {0xC1, 0xA1, 0x91, 0x83, 0x87, 0x8B, 0x8F}) {
        std::string frame = clientFrame(Opcode::Text, "x");
        frame[0] = static_cast<char>(first);
        FrameDecoder decoder;
        auto events = decodeAll(decoder, frame);
        ASSERT_EQ(events.size(), 1u) << int(first);
        EXPECT_EQ(events[0].code, 1002) << int(first);
    }
}

TEST(WsFrame, ContinuationWithoutMessageAndNestedMessageAreProtocolErrors)
{
    FrameDecoder first;
    EXPECT_EQ(decodeAll(first, clientFrame(Opcode::Continuation, "x"))[0].code, 1002);
    FrameDecoder second;
    auto events = decodeAll(second, clientFrame(Opcode::Text, "a", false)
                                        + clientFrame(Opcode::Text, "b"));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].code, 1002);
}

TEST(WsFrame, FragmentedOrLongControlFramesAreProtocolErrors)
{
    FrameDecoder fragmented;
    EXPECT_EQ(decodeAll(fragmented, clientFrame(Opcode::Ping, "x", false))[0].code, 1002);
    FrameDecoder longPing;
    EXPECT_EQ(decodeAll(longPing, clientFrame(Opcode::Ping, std::string(126, 'x')))[0].code,
              1002);
}

TEST(WsFrame, MessageOverTheLimitIs1009BeforeItsPayloadArrives)
{
    FrameDecoder decoder(DecoderLimits{1000, true});
    std::string frame = clientFrame(Opcode::Text, std::string(1001, 'a'));
    auto events = decodeAll(decoder, frame.substr(0, 8)); // header + mask only
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].code, 1009);
}

TEST(WsFrame, FragmentsThatTogetherExceedTheLimitAre1009)
{
    FrameDecoder decoder(DecoderLimits{1000, true});
    auto events = decodeAll(decoder, clientFrame(Opcode::Text, std::string(600, 'a'), false)
                                         + clientFrame(Opcode::Continuation, std::string(600, 'a')));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].code, 1009);
}

TEST(WsFrame, MessageExactlyAtTheLimitIsAccepted)
{
    FrameDecoder decoder(DecoderLimits{1000, true});
    auto events = decodeAll(decoder, clientFrame(Opcode::Text, std::string(1000, 'a')));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Text);
}

TEST(WsFrame, InvalidUtf8TextIs1007ButBinaryIsNotChecked)
{
    FrameDecoder text;
    EXPECT_EQ(decodeAll(text, clientFrame(Opcode::Text, "\xff\xfe"))[0].code, 1007);
    FrameDecoder binary;
    EXPECT_EQ(decodeAll(binary, clientFrame(Opcode::Binary, "\xff\xfe"))[0].kind,
              WsEvent::Kind::Binary);
}

TEST(WsFrame, ADecoderForATrustedPeerPassesTextWithoutCheckingItsUtf8)
{
    DecoderLimits trusting;
    trusting.checkUtf8 = false;
    FrameDecoder decoder(trusting);
    auto events = decodeAll(decoder, clientFrame(Opcode::Text, "\xff\xfe"));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Text);
    EXPECT_EQ(events[0].payload, "\xff\xfe");
}

TEST(WsFrame, Utf8ValidatorRejectsOverlongsSurrogatesAndTruncation)
{
    EXPECT_TRUE(isValidUtf8("plain ascii"));
    EXPECT_TRUE(isValidUtf8("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
    EXPECT_FALSE(isValidUtf8("\xc0\xaf"));         // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xe0\x80\xaf"));     // overlong
    EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));     // surrogate U+D800
    EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80")); // above U+10FFFF
    EXPECT_FALSE(isValidUtf8("\xe2\x82"));         // truncated
    EXPECT_FALSE(isValidUtf8("\x80"));             // lone continuation
}

TEST(WsFrame, Utf8ValidatorChecksEveryByteAroundItsEightByteAsciiSteps)
{
    // The validator skips eight ASCII bytes at a time; what follows or straddles a step must
    // still be checked byte by byte.
    EXPECT_TRUE(isValidUtf8("ABCDEFGHIJKLMNOP"));
    EXPECT_TRUE(isValidUtf8("ABCDEFG\xc3\xa9HIJKLMNOP"));        // straddles bytes 7-8
    EXPECT_TRUE(isValidUtf8("ABCDEFGH\xf0\x9f\x98\x80IJKLMNO")); // starts a new step
    EXPECT_FALSE(isValidUtf8("ABCDEFGH\x80"));                  // lone continuation after a step
    EXPECT_FALSE(isValidUtf8("ABCDEFGHIJKLMNO\xff"));           // last byte of the second step
    EXPECT_FALSE(isValidUtf8("ABCDEFGHIJKLMN\xe2\x82"));        // truncated at the end
    EXPECT_FALSE(isValidUtf8("ABCDEFG\xed\xa0\x80IJKLMNOP"));   // surrogate straddling a step
}

TEST(WsFrame, CloseFrameCarriesCodeAndReason)
{
    FrameDecoder decoder;
    auto events = decodeAll(decoder, encodeCloseFrame(4001, "bye", kMask));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Close);
    EXPECT_EQ(events[0].code, 4001);
    EXPECT_EQ(events[0].payload, "bye");
}

TEST(WsFrame, EmptyCloseIsNoStatus1005AndBadCloseCodesAre1002)
{
    FrameDecoder empty;
    EXPECT_EQ(decodeAll(empty, clientFrame(Opcode::Close, ""))[0].code, 1005);
    FrameDecoder oneByte;
    EXPECT_EQ(decodeAll(oneByte, clientFrame(Opcode::Close, "\x03"))[0].code, 1002);
    FrameDecoder reserved;
    auto events = decodeAll(reserved, encodeCloseFrame(1006, "", kMask));
    EXPECT_EQ(events[0].kind, WsEvent::Kind::Error);
    EXPECT_EQ(events[0].code, 1002);
}

TEST(WsFrame, SixtyFourBitLengthWithTopBitIsProtocolError)
{
    std::string frame("\x82\xff\x80\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00", 14);
    FrameDecoder decoder(DecoderLimits{SIZE_MAX, true});
    auto events = decodeAll(decoder, frame);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].code, 1002);
}

TEST(WsFrame, ServerFramesAreUnmaskedAndDecodeWithoutMaskRequirement)
{
    std::string frame = encodeFrame(Opcode::Text, "reply");
    EXPECT_EQ(frame, std::string("\x81\x05reply", 7));
    FrameDecoder decoder(DecoderLimits{1024, false});
    auto events = decodeAll(decoder, frame);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].payload, "reply");
}

TEST(WsFrame, AFramesSizeIsItsHeaderAsAppendedPlusItsPayload)
{
    for (std::size_t payload : {0u, 125u, 126u, 65535u, 65536u}) {
        std::string header;
        appendFrameHeader(header, Opcode::Text, payload);
        EXPECT_EQ(frameSize(payload), header.size() + payload) << payload;
    }
    EXPECT_EQ(frameSize(125), 127u);
    EXPECT_EQ(frameSize(126), 130u);
    EXPECT_EQ(frameSize(65536), 65546u);
}

TEST(WsFrame, DecoderSurvivesFiveHundredRandomBuffersAndMutatedFrames)
{
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 300);
    const std::string valid = clientFrame(Opcode::Text, "Hel", false)
                              + clientFrame(Opcode::Ping, "p")
                              + clientFrame(Opcode::Continuation, std::string(200, 'z'))
                              + encodeCloseFrame(1000, "ok", kMask);
    int events = 0;
    for (int round = 0; round < 500; ++round) {
        std::string bytes;
        if (round % 2 == 0) {
            bytes.resize(static_cast<std::size_t>(length(rng)));
            for (char &b : bytes)
                b = static_cast<char>(byte(rng));
        } else {
            bytes = valid;
            for (int flips = 0; flips < 3; ++flips)
                bytes[static_cast<std::size_t>(rng() % bytes.size())] = static_cast<char>(byte(rng));
        }
        FrameDecoder decoder(DecoderLimits{4096, round % 4 != 1});
        std::size_t chunk = 1 + rng() % 17;
        for (std::size_t offset = 0; offset < bytes.size(); offset += chunk) {
            decoder.feed(bytes.data() + offset, std::min(chunk, bytes.size() - offset));
            while (auto event = decoder.next()) {
                ++events;
                EXPECT_LE(event->payload.size(), 4096u);
            }
        }
        EXPECT_LE(decoder.bufferedBytes(), bytes.size());
    }
    EXPECT_GT(events, 0);
}
