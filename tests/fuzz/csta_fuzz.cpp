// libFuzzer target for the CSTA wire parser: the frame reader (input fed in chunks whose
// sizes come from the input) and the XML decoder. A decoded request or snapshot segment must
// survive an encode/decode round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "acd/tsp/csta_codec.h"
#include "acd/tsp/csta_frame.h"

using namespace acd::tsp;

static void decodeOne(const std::string &xml) {
    CstaMessage message;
    std::string error;
    if (!decodeCstaMessage(xml, message, error))
        return;
    if (message.type == CstaMessageType::Request) {
        CstaMessage again;
        if (!decodeCstaMessage(encodeCstaRequest(message.request), again, error)
            || !(again.request == message.request))
            std::abort();
    } else if (message.type == CstaMessageType::SnapshotDeviceData) {
        CstaMessage again;
        if (!decodeCstaMessage(encodeSnapshotDeviceData(message.segment), again, error)
            || !(again.segment == message.segment))
            std::abort();
    } else if (message.type == CstaMessageType::Event) {
        CstaMessage again;
        (void)decodeCstaMessage(encodeCstaEvent(message.event), again, error);
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    // First byte: chunk size for the frame reader (1..256).
    size_t chunk = static_cast<size_t>(data[0]) + 1;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    size_t length = size - 1;

    CstaFrameReader reader(4096);
    for (size_t offset = 0; offset < length; offset += chunk) {
        size_t n = offset + chunk > length ? length - offset : chunk;
        reader.feed(bytes + offset, n);
        CstaFrame frame;
        std::string error;
        CstaFrameReader::Status status;
        while ((status = reader.next(frame, error)) == CstaFrameReader::Status::Frame)
            decodeOne(frame.xml);
        if (status == CstaFrameReader::Status::Error)
            break;
    }
    // The same bytes as a bare XML document.
    decodeOne(std::string(bytes, length));
    return 0;
}
