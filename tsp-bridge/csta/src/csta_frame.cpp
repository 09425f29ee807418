#include "acd/tsp/csta_frame.h"

#include <cstdio>

namespace acd::tsp {

std::string encodeCstaFrame(int invokeId, std::string_view xml, size_t maxFrame) {
    size_t total = kCstaHeaderSize + xml.size();
    if (total > maxFrame || total > kCstaMaxFrameSize || invokeId < 0 || invokeId > 9999)
        return {};
    std::string frame;
    frame.reserve(total);
    frame.push_back('\0');
    frame.push_back('\0');
    frame.push_back(static_cast<char>((total >> 8) & 0xFF));
    frame.push_back(static_cast<char>(total & 0xFF));
    char id[8];
    std::snprintf(id, sizeof id, "%04d", invokeId);
    frame.append(id, 4);
    frame.append(xml);
    return frame;
}

CstaFrameReader::CstaFrameReader(size_t maxFrame)
    : m_maxFrame(maxFrame < kCstaMaxFrameSize ? maxFrame : kCstaMaxFrameSize) {}

void CstaFrameReader::feed(const char *data, size_t size) {
    if (!m_error.empty())
        return;
    if (m_offset > 0 && m_offset * 2 >= m_buffer.size()) {
        m_buffer.erase(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(data, size);
}

CstaFrameReader::Status CstaFrameReader::next(CstaFrame &frame, std::string &error) {
    if (!m_error.empty()) {
        error = m_error;
        return Status::Error;
    }
    size_t available = m_buffer.size() - m_offset;
    if (available < kCstaHeaderSize)
        return Status::NeedMore;
    const auto *h = reinterpret_cast<const unsigned char *>(m_buffer.data() + m_offset);
    char text[160];
    if (h[0] != 0 || h[1] != 0) {
        std::snprintf(text, sizeof text,
                      "CSTA frame header: version bytes are %02x %02x, expected 00 00", h[0], h[1]);
        m_error = text;
    } else {
        size_t length = (static_cast<size_t>(h[2]) << 8) | h[3];
        if (length < kCstaHeaderSize) {
            std::snprintf(text, sizeof text,
                          "CSTA frame header: length %zu is shorter than the 8-byte header",
                          length);
            m_error = text;
        } else if (length > m_maxFrame) {
            std::snprintf(text, sizeof text,
                          "CSTA frame header: length %zu exceeds the frame cap of %zu bytes",
                          length, m_maxFrame);
            m_error = text;
        } else {
            int invokeId = 0;
            for (int i = 4; i < 8; ++i) {
                if (h[i] < '0' || h[i] > '9') {
                    std::snprintf(text, sizeof text,
                                  "CSTA frame header: invokeID bytes %02x %02x %02x %02x are "
                                  "not four ASCII digits",
                                  h[4], h[5], h[6], h[7]);
                    m_error = text;
                    break;
                }
                invokeId = invokeId * 10 + (h[i] - '0');
            }
            if (m_error.empty()) {
                if (available < length)
                    return Status::NeedMore;
                frame.invokeId = invokeId;
                frame.xml.assign(m_buffer, m_offset + kCstaHeaderSize, length - kCstaHeaderSize);
                m_offset += length;
                if (m_offset == m_buffer.size()) {
                    m_buffer.clear();
                    m_offset = 0;
                }
                return Status::Frame;
            }
        }
    }
    m_buffer.clear();
    m_offset = 0;
    error = m_error;
    return Status::Error;
}

void CstaFrameReader::reset() {
    m_buffer.clear();
    m_offset = 0;
    m_error.clear();
}

} // namespace acd::tsp
