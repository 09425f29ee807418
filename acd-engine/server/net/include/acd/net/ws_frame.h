#pragma once
// RFC 6455 WebSocket frame codec: a pure, incremental decoder and an encoder. No sockets, no
// threads, no clocks; fuzzed by tests/fuzz/ws_frame_fuzz.cpp.
//
// Decoder rules (server side, the default):
//  - Client frames must be masked; an unmasked frame is a protocol error (1002).
//  - RSV1..3 set, an unknown opcode, a fragmented or >125-byte control frame, a continuation
//    without a started message, a new text/binary frame inside a fragmented message, a 64-bit
//    length with its top bit set: protocol error (1002).
//  - A message (the sum of its fragments) larger than maxMessageBytes: 1009, reported as soon
//    as the frame header announcing it is read (the payload is never buffered).
//  - A text message that is not valid UTF-8 (unless limits.checkUtf8 is off), or a close
//    reason that is not: 1007.
//  - A close frame with a 1-byte payload or a code that may not be sent on the wire: 1002.
// After an Error event the decoder is failed: further input is ignored and next() returns
// nothing. Control frames (ping, pong, close) may arrive between the fragments of a message.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace acd::net {

enum class Opcode : std::uint8_t {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// Close status codes (RFC 6455 section 7.4.1).
namespace close_code {
inline constexpr std::uint16_t Normal = 1000;
inline constexpr std::uint16_t GoingAway = 1001;
inline constexpr std::uint16_t ProtocolError = 1002;
inline constexpr std::uint16_t UnsupportedData = 1003;
inline constexpr std::uint16_t NoStatus = 1005;        ///< never on the wire: empty close
inline constexpr std::uint16_t Abnormal = 1006;        ///< never on the wire: connection lost
inline constexpr std::uint16_t InvalidPayload = 1007;
inline constexpr std::uint16_t PolicyViolation = 1008;
inline constexpr std::uint16_t MessageTooBig = 1009;
inline constexpr std::uint16_t InternalError = 1011;
} // namespace close_code

/// True for a code a peer may put in a close frame (1000-1003, 1007-1014, 3000-4999).
bool isSendableCloseCode(std::uint16_t code);

/// Strict UTF-8 check: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view text);

struct DecoderLimits {
    std::size_t maxMessageBytes = 1024 * 1024; ///< per reassembled message
    bool requireMask = true;                   ///< true on a server; false to decode server frames
    /// false only for a trusted peer's text: acd-load reading the engine's full stream, where
    /// checking every message would make the tool, not the engine, the load
    bool checkUtf8 = true;
};

/// One thing the decoder produced.
struct WsEvent {
    enum class Kind { Text, Binary, Ping, Pong, Close, Error };
    Kind kind = Kind::Error;
    /// Text/Binary: the whole message; Ping/Pong: the payload; Close/Error: the reason.
    std::string payload;
    /// Close: the peer's code (NoStatus for an empty close); Error: the code to close with.
    std::uint16_t code = 0;
};

class FrameDecoder {
public:
    explicit FrameDecoder(DecoderLimits limits = {});

    /// Appends raw bytes from the peer. Ignored once failed.
    void feed(const char *data, std::size_t size);
    void feed(std::string_view bytes) { feed(bytes.data(), bytes.size()); }

    /// The next complete event, or nothing when more bytes are needed (or after an Error).
    std::optional<WsEvent> next();
    /// As next(), into `event` (false when more bytes are needed): its payload string keeps its
    /// capacity, so a reader of many small messages does not allocate one string each.
    bool next(WsEvent &event);

    bool failed() const { return m_failed; }
    /// Bytes fed but not yet consumed (a partial frame), plus a partial message.
    std::size_t bufferedBytes() const { return m_buffer.size() - m_pos + m_message.size(); }
    /// Frames decoded so far (data and control).
    std::uint64_t frameCount() const { return m_frames; }

private:
    WsEvent fail(std::uint16_t code, std::string reason);

    DecoderLimits m_limits;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::string m_message;          // fragments of the message in progress
    bool m_inMessage = false;       // a non-FIN text/binary frame started a message
    bool m_messageIsText = false;
    bool m_failed = false;
    std::uint64_t m_frames = 0;
};

/// Appends the header of an unmasked final frame (a server's) with a payload of `size` bytes.
void appendFrameHeader(std::string &out, Opcode opcode, std::size_t size);
/// The bytes of such a frame, header included: what appendFrameHeader and the payload add.
std::size_t frameSize(std::size_t payloadSize);

/// Encodes one frame. Server frames are unmasked (maskKey null); a client passes 4 key bytes.
std::string encodeFrame(Opcode opcode, std::string_view payload, bool fin = true,
                        const std::uint8_t *maskKey = nullptr);

/// A close frame: 2-byte code + reason (truncated to fit 125 bytes); code NoStatus → empty.
std::string encodeCloseFrame(std::uint16_t code, std::string_view reason,
                             const std::uint8_t *maskKey = nullptr);

} // namespace acd::net
