#include "acd/net/ws_frame.h"

#include <cstring>

namespace acd::net {

bool isSendableCloseCode(std::uint16_t code)
{
    if (code >= 1000 && code <= 1003)
        return true;
    if (code >= 1007 && code <= 1014)
        return true;
    return code >= 3000 && code <= 4999;
}

bool isValidUtf8(std::string_view text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: protocol text is almost all ASCII, and a subscriber
        // of the full event stream checks hundreds of megabytes a minute.
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s + i, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            else if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; // overlong
            else if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (std::size_t k = 2; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += len;
    }
    return true;
}

FrameDecoder::FrameDecoder(DecoderLimits limits) : m_limits(limits) {}

void FrameDecoder::feed(const char *data, std::size_t size)
{
    if (m_failed || size == 0)
        return;
    // Drop the consumed prefix before growing, so the buffer holds at most one partial frame
    // plus what was just fed.
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        // All consumed: give back the memory a large frame left behind (an idle connection
        // should not keep a 1 MiB buffer).
        if (m_buffer.capacity() > 64 * 1024)
            std::string().swap(m_buffer);
        else
            m_buffer.clear();
        m_pos = 0;
    } else if (m_pos >= 64 * 1024) {
        m_buffer.erase(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(data, size);
}

WsEvent FrameDecoder::fail(std::uint16_t code, std::string reason)
{
    m_failed = true;
    m_buffer.clear();
    m_pos = 0;
    m_message.clear();
    WsEvent event;
    event.kind = WsEvent::Kind::Error;
    event.code = code;
    event.payload = std::move(reason);
    return event;
}

std::optional<WsEvent> FrameDecoder::next()
{
    WsEvent event;
    if (!next(event))
        return std::nullopt;
    return event;
}

bool FrameDecoder::next(WsEvent &event)
{
    if (m_failed)
        return false;
    auto failWith = [&](std::uint16_t code, std::string reason) {
        event = fail(code, std::move(reason));
        return true;
    };
    for (;;) {
        const std::size_t avail = m_buffer.size() - m_pos;
        if (avail < 2)
            return false;
        const auto *p = reinterpret_cast<const unsigned char *>(m_buffer.data() + m_pos);
        const bool fin = (p[0] & 0x80) != 0;
        const unsigned rsv = p[0] & 0x70;
        const unsigned op = p[0] & 0x0F;
        const bool masked = (p[1] & 0x80) != 0;
        std::uint64_t length = p[1] & 0x7F;
        std::size_t header = 2;

        if (rsv != 0)
            return failWith(close_code::ProtocolError, "reserved bits set");
        const bool control = (op & 0x8) != 0;
        if (op != 0x0 && op != 0x1 && op != 0x2 && op != 0x8 && op != 0x9 && op != 0xA)
            return failWith(close_code::ProtocolError, "unknown opcode " + std::to_string(op));
        if (m_limits.requireMask && !masked)
            return failWith(close_code::ProtocolError, "unmasked client frame");
        if (control && (!fin || length > 125))
            return failWith(close_code::ProtocolError, "fragmented or oversized control frame");

        if (length == 126) {
            if (avail < 4)
                return false;
            length = (std::uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (avail < 10)
                return false;
            length = 0;
            for (int k = 0; k < 8; ++k)
                length = (length << 8) | p[2 + k];
            header = 10;
            if (length >> 63)
                return failWith(close_code::ProtocolError, "64-bit length with the top bit set");
        }

        if (!control) {
            if (op == 0x0 && !m_inMessage)
                return failWith(close_code::ProtocolError, "continuation without a message");
            if (op != 0x0 && m_inMessage)
                return failWith(close_code::ProtocolError, "new message inside a fragmented one");
            const std::uint64_t total = (op == 0x0 ? m_message.size() : 0) + length;
            if (length > m_limits.maxMessageBytes || total > m_limits.maxMessageBytes)
                return failWith(close_code::MessageTooBig,
                                "message larger than " + std::to_string(m_limits.maxMessageBytes)
                                    + " bytes");
        }

        const std::size_t maskBytes = masked ? 4 : 0;
        if (avail < header + maskBytes + length)
            return false;
        const unsigned char *key = p + header;
        const unsigned char *src = p + header + maskBytes;
        const auto n = static_cast<std::size_t>(length);
        m_pos += header + maskBytes + n;
        ++m_frames;

        // A whole message in one frame (the usual case) and control payloads go straight into
        // the caller's event, whose string keeps its capacity from one event to the next;
        // fragments collect in m_message.
        const bool whole = control || (fin && op != 0x0);
        std::string &dst = whole ? event.payload : m_message;
        if (whole)
            dst.clear();
        else if (op != 0x0)
            m_message.clear();
        const std::size_t base = dst.size();
        dst.append(reinterpret_cast<const char *>(src), n);
        if (masked) {
            char *out = dst.data() + base;
            for (std::size_t k = 0; k < n; ++k)
                out[k] = static_cast<char>(out[k] ^ key[k & 3]);
        }
        event.code = 0;

        if (!control) {
            if (op != 0x0)
                m_messageIsText = (op == 0x1);
            if (!fin) {
                m_inMessage = true;
                continue;
            }
            if (!whole) { // the last fragment: the collected message is the event's
                m_inMessage = false;
                event.payload.swap(m_message);
                m_message.clear();
            }
            if (m_messageIsText && m_limits.checkUtf8 && !isValidUtf8(event.payload))
                return failWith(close_code::InvalidPayload, "text message is not valid UTF-8");
            event.kind = m_messageIsText ? WsEvent::Kind::Text : WsEvent::Kind::Binary;
            return true;
        }
        if (op == 0x9) {
            event.kind = WsEvent::Kind::Ping;
            return true;
        }
        if (op == 0xA) {
            event.kind = WsEvent::Kind::Pong;
            return true;
        }
        // Close.
        event.kind = WsEvent::Kind::Close;
        if (event.payload.empty()) {
            event.code = close_code::NoStatus;
            return true;
        }
        if (event.payload.size() == 1)
            return failWith(close_code::ProtocolError, "close frame with a 1-byte payload");
        const auto *c = reinterpret_cast<const unsigned char *>(event.payload.data());
        event.code = static_cast<std::uint16_t>((c[0] << 8) | c[1]);
        if (!isSendableCloseCode(event.code))
            return failWith(close_code::ProtocolError,
                            "close code " + std::to_string(event.code) + " may not be sent");
        event.payload.erase(0, 2);
        if (!isValidUtf8(event.payload))
            return failWith(close_code::InvalidPayload, "close reason is not valid UTF-8");
        return true;
    }
}

namespace {

void appendHeader(std::string &out, Opcode opcode, std::size_t n, bool fin, bool masked)
{
    out.push_back(static_cast<char>((fin ? 0x80 : 0x00) | static_cast<unsigned>(opcode)));
    const unsigned char maskBit = masked ? 0x80 : 0x00;
    if (n < 126) {
        out.push_back(static_cast<char>(maskBit | n));
    } else if (n <= 0xFFFF) {
        out.push_back(static_cast<char>(maskBit | 126));
        out.push_back(static_cast<char>((n >> 8) & 0xFF));
        out.push_back(static_cast<char>(n & 0xFF));
    } else {
        out.push_back(static_cast<char>(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((static_cast<std::uint64_t>(n) >> shift) & 0xFF));
    }
}

} // namespace

void appendFrameHeader(std::string &out, Opcode opcode, std::size_t size)
{
    appendHeader(out, opcode, size, true, false);
}

std::size_t frameSize(std::size_t payloadSize)
{
    return payloadSize + (payloadSize < 126 ? 2 : payloadSize <= 0xFFFF ? 4 : 10);
}

std::string encodeFrame(Opcode opcode, std::string_view payload, bool fin,
                        const std::uint8_t *maskKey)
{
    std::string out;
    const std::size_t n = payload.size();
    out.reserve(n + 14);
    appendHeader(out, opcode, n, fin, maskKey != nullptr);
    if (!maskKey) {
        out.append(payload);
        return out;
    }
    out.append(reinterpret_cast<const char *>(maskKey), 4);
    const std::size_t base = out.size();
    out.append(payload);
    for (std::size_t k = 0; k < n; ++k)
        out[base + k] = static_cast<char>(out[base + k] ^ maskKey[k & 3]);
    return out;
}

std::string encodeCloseFrame(std::uint16_t code, std::string_view reason,
                             const std::uint8_t *maskKey)
{
    if (code == close_code::NoStatus)
        return encodeFrame(Opcode::Close, {}, true, maskKey);
    std::string payload;
    payload.push_back(static_cast<char>(code >> 8));
    payload.push_back(static_cast<char>(code & 0xFF));
    std::string_view r = reason.substr(0, 123);
    // Do not cut a UTF-8 sequence in half.
    while (!r.empty() && !isValidUtf8(r))
        r.remove_suffix(1);
    payload.append(r);
    return encodeFrame(Opcode::Close, payload, true, maskKey);
}

} // namespace acd::net
