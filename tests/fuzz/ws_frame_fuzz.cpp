// libFuzzer target for the WebSocket frame decoder (acd-engine/server/net): arbitrary bytes,
// fed in chunks whose sizes come from the input, under limits that come from the input.
// Invariants: no crash, no event larger than the message limit, no further events after an
// Error, every decoded data message re-encodes (masked) to a frame that decodes back to the
// same message, and a second decoder read into one reused WsEvent (next(WsEvent&)) gives the
// same events as next() gives in fresh ones.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "acd/net/ws_frame.h"

using namespace acd::net;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Byte 0: bits 0..6 = chunk size (1..128), bit 7 = trusted peer (no UTF-8 check). Byte 1:
    // bit 0 = server side (mask required), bits 1..7 = message limit in KiB (0 → 125 bytes,
    // so the 7/16/64-bit length paths all get limits).
    const size_t chunk = static_cast<size_t>(data[0] & 0x7F) + 1;
    DecoderLimits limits;
    limits.checkUtf8 = (data[0] & 0x80) == 0;
    limits.requireMask = (data[1] & 1) != 0;
    limits.maxMessageBytes = (data[1] >> 1) == 0 ? 125 : static_cast<size_t>(data[1] >> 1) * 1024;
    const char *bytes = reinterpret_cast<const char *>(data + 2);
    const size_t length = size - 2;

    FrameDecoder decoder(limits);
    FrameDecoder reusing(limits);
    WsEvent reused;
    bool failed = false;
    for (size_t offset = 0; offset < length; offset += chunk) {
        size_t n = offset + chunk > length ? length - offset : chunk;
        decoder.feed(bytes + offset, n);
        reusing.feed(bytes + offset, n);
        std::vector<WsEvent> fresh;
        while (auto event = decoder.next())
            fresh.push_back(*event);
        for (const WsEvent &event : fresh) {
            if (!reusing.next(reused) || reused.kind != event.kind || reused.code != event.code
                || reused.payload != event.payload)
                std::abort();
        }
        if (reusing.next(reused))
            std::abort();
        for (auto *event = fresh.data(); event != fresh.data() + fresh.size(); ++event) {
            if (failed)
                std::abort(); // nothing may follow an Error
            if (event->kind == WsEvent::Kind::Error) {
                failed = true;
                continue;
            }
            if (event->payload.size() > limits.maxMessageBytes)
                std::abort();
            if (event->kind == WsEvent::Kind::Text || event->kind == WsEvent::Kind::Binary) {
                static const uint8_t key[4] = {0xde, 0xad, 0xbe, 0xef};
                Opcode op = event->kind == WsEvent::Kind::Text ? Opcode::Text : Opcode::Binary;
                FrameDecoder again(DecoderLimits{limits.maxMessageBytes, true, limits.checkUtf8});
                again.feed(encodeFrame(op, event->payload, true, key));
                auto back = again.next();
                if (!back || back->payload != event->payload)
                    std::abort();
            }
        }
    }
    return 0;
}
