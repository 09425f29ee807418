#pragma once

// CSTA XML over TCP framing (Unify/Siemens and Avaya form, cti-protocols.md 2.1):
//   bytes 0-1  00 00
//   bytes 2-3  total frame length including this 8-byte header, big-endian
//   bytes 4-7  invokeID as four ASCII digits ("9999" marks unsolicited events)
//   bytes 8..  the XML document (UTF-8)

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace acd::tsp {

constexpr size_t kCstaHeaderSize = 8;
constexpr size_t kCstaMaxFrameSize = 65535; ///< the 16-bit length field's limit
constexpr int kCstaEventInvokeId = 9999;

struct CstaFrame {
    int invokeId = 0;
    std::string xml;
};

/// Frames `xml`; returns an empty string when the frame would exceed `maxFrame` bytes or
/// the invoke ID is outside 0..9999.
std::string encodeCstaFrame(int invokeId, std::string_view xml,
                            size_t maxFrame = kCstaMaxFrameSize);

/// Reassembles frames from a byte stream: several frames per read and frames split across
/// reads. A malformed header is unrecoverable (there is no resynchronisation marker): the
/// reader reports Error and stays in error until reset(); the owner drops the connection.
class CstaFrameReader {
public:
    enum class Status { Frame, NeedMore, Error };

    explicit CstaFrameReader(size_t maxFrame = kCstaMaxFrameSize);

    void feed(const char *data, size_t size);
    /// Extracts the next complete frame into `frame`, or says why not (`error` names the
    /// byte values that were wrong).
    Status next(CstaFrame &frame, std::string &error);
    void reset();
    size_t buffered() const { return m_buffer.size() - m_offset; }

private:
    size_t m_maxFrame;
    std::string m_buffer;
    size_t m_offset = 0;
    std::string m_error;
};

} // namespace acd::tsp
