#include "raw_csta_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace acd::tsp::test {

RawCstaClient::RawCstaClient(int port) {
    m_fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        close(m_fd);
        m_fd = -1;
    }
}

RawCstaClient::~RawCstaClient() {
    if (m_fd >= 0)
        close(m_fd);
}

SwitchResult RawCstaClient::request(const SwitchRequest &request) {
    SwitchResult failed;
    failed.error = CstaError::LinkDown;
    if (m_fd < 0)
        return failed;
    int invokeId = m_nextInvokeId++;
    std::string frame = encodeCstaFrame(invokeId, encodeCstaRequest(request));
    if (send(m_fd, frame.data(), frame.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(frame.size()))
        return failed;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        std::optional<SwitchResult> response;
        if (!readOne(invokeId, response))
            return failed;
        if (response)
            return *response;
    }
    return failed;
}

void RawCstaClient::waitForEvents(std::size_t count, int ms) {
    readUntil([&] { return m_events.size() >= count; }, ms);
}

void RawCstaClient::waitForLastSnapshotSegment(int ms)
{
    readUntil([&] { return !m_segments.empty() && m_segments.back().lastSegment; }, ms);
}

void RawCstaClient::readUntil(const std::function<bool()> &done, int ms)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (m_fd >= 0 && !done() && std::chrono::steady_clock::now() < deadline) {
        std::optional<SwitchResult> none;
        if (!readOne(-1, none))
            return;
    }
}

bool RawCstaClient::readOne(int invokeId, std::optional<SwitchResult> &response) {
    CstaFrame in;
    std::string error;
    auto status = m_reader.next(in, error);
    if (status == CstaFrameReader::Status::Error)
        return false;
    if (status == CstaFrameReader::Status::NeedMore) {
        pollfd p{m_fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            return true;
        char buffer[65536];
        ssize_t n = recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return false;
        m_reader.feed(buffer, static_cast<size_t>(n));
        return true;
    }
    CstaMessage message;
    if (!decodeCstaMessage(in.xml, message, error))
        return true;
    if (message.type == CstaMessageType::SystemStatus) {
        std::string reply = encodeCstaFrame(in.invokeId, encodeSystemStatusResponse());
        send(m_fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    } else if (message.type == CstaMessageType::Event) {
        m_events.push_back(message.event);
    } else if (message.type == CstaMessageType::SnapshotDeviceData) {
        m_segments.push_back(message.segment);
    } else if (in.invokeId == invokeId
               && (message.type == CstaMessageType::Response
                   || message.type == CstaMessageType::Error)) {
        response = message.result;
    }
    return true;
}

} // namespace acd::tsp::test
