#include "csta_link.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <pthread.h>

#include <chrono>
#include <cstdio>

namespace acd::tsp {
namespace {

void logLine(const std::string &text) {
    std::fprintf(stderr, "csta: %s\n", text.c_str());
}

} // namespace

CstaLink::CstaLink(CstaLinkConfig config)
    : m_config(std::move(config)) {}

CstaLink::~CstaLink() {
    stop();
}

int64_t CstaLink::nowMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void CstaLink::start(LinkListener &listener) {
    m_listener = &listener;
    m_stopping = false;
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "csta-link");
        run();
    });
    std::unique_lock lock(m_stateMutex);
    m_stateChanged.wait_for(lock, std::chrono::milliseconds(m_config.startWaitMs),
                            [this] { return m_registered; });
}

void CstaLink::stop() {
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_stateMutex);
        m_stopping = true;
        m_stateChanged.notify_all();
    }
    {
        std::lock_guard lock(m_socketMutex);
        if (m_connected) {
            try {
                m_socket.shutdown();
            } catch (const Poco::Exception &) {
            }
        }
    }
    m_thread.join();
    failAll(CstaError::LinkDown);
    m_listener = nullptr;
}

void CstaLink::run() {
    int backoff = m_config.reconnectMinMs;
    while (!m_stopping) {
        std::string reason;
        if (connectOnce(reason)) {
            reason = serve();
            if (m_registered)
                backoff = m_config.reconnectMinMs;
        }
        {
            std::lock_guard lock(m_socketMutex);
            try {
                m_socket.close();
            } catch (const Poco::Exception &) {
            }
            m_connected = false;
        }
        bool wasUp = m_up.exchange(false);
        {
            std::lock_guard lock(m_pendingMutex);
            m_deviceByCrossRef.clear();
            m_crossRefByDevice.clear();
        }
        failAll(CstaError::LinkDown);
        {
            std::lock_guard lock(m_stateMutex);
            m_registered = false;
        }
        if (m_stopping)
            break;
        logLine("link to " + m_config.host + ":" + std::to_string(m_config.port)
                + " down: " + reason);
        if (wasUp && m_listener)
            m_listener->onLinkDown(reason);
        std::unique_lock lock(m_stateMutex);
        m_stateChanged.wait_for(lock, std::chrono::milliseconds(backoff),
                                [this] { return m_stopping.load(); });
        backoff = std::min(backoff * 2, m_config.reconnectMaxMs);
    }
}

bool CstaLink::connectOnce(std::string &reason) {
    try {
        Poco::Net::SocketAddress address(m_config.host, static_cast<Poco::UInt16>(m_config.port));
        Poco::Net::StreamSocket socket;
        socket.connect(address,
                       Poco::Timespan(static_cast<long>(m_config.connectTimeoutMs) * 1000));
        socket.setNoDelay(true);
        std::lock_guard lock(m_socketMutex);
        m_socket = socket;
        m_connected = true;
    } catch (const Poco::Exception &e) {
        reason = "cannot connect to " + m_config.host + ":" + std::to_string(m_config.port) + ": "
                 + e.displayText();
        return false;
    }
    return true;
}

std::string CstaLink::serve() {
    CstaFrameReader reader(m_config.maxFrame);
    int registerInvoke = 0;
    {
        std::lock_guard lock(m_pendingMutex);
        registerInvoke = m_nextInvokeId;
        m_nextInvokeId = m_nextInvokeId % 9998 + 1;
    }
    m_lastHeartbeat = nowMs();
    m_sawSystemStatus = false;
    const int64_t registerDeadline = nowMs() + m_config.connectTimeoutMs + 1000;
    if (!writeFrame(registerInvoke, encodeSystemRegister()))
        return "cannot send SystemRegister";
    char buffer[16384];
    try {
        while (!m_stopping) {
            if (m_socket.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) {
                int n = m_socket.receiveBytes(buffer, sizeof buffer);
                if (n <= 0)
                    return "connection closed by the switch";
                reader.feed(buffer, static_cast<size_t>(n));
                CstaFrame frame;
                std::string error;
                for (;;) {
                    auto status = reader.next(frame, error);
                    if (status == CstaFrameReader::Status::NeedMore)
                        break;
                    if (status == CstaFrameReader::Status::Error)
                        return error;
                    if (frame.invokeId == registerInvoke && !m_registered) {
                        CstaMessage message;
                        std::string why;
                        if (decodeCstaMessage(frame.xml, message, why)
                            && (message.type == CstaMessageType::SystemRegisterResponse
                                || message.type == CstaMessageType::Error)) {
                            linkUp("");
                            continue;
                        }
                    }
                    dispatch(frame);
                }
            }
            int64_t now = nowMs();
            if (!m_registered && now > registerDeadline) {
                // Some switches ignore SystemRegister; one that sends SystemStatus is alive.
                if (!m_sawSystemStatus)
                    return "no SystemRegisterResponse and no SystemStatus from the switch";
                linkUp(" (no SystemRegisterResponse; using SystemStatus)");
            }
            if (m_registered && m_config.heartbeatMs > 0
                && now - m_lastHeartbeat > m_config.heartbeatMs * 5 / 2)
                return "two heartbeats missed: no SystemStatus for "
                       + std::to_string(now - m_lastHeartbeat) + " ms";
            expireRequests();
        }
    } catch (const Poco::Exception &e) {
        return "socket error: " + e.displayText();
    }
    return "link stopped";
}

void CstaLink::linkUp(const std::string &note) {
    {
        std::lock_guard lock(m_stateMutex);
        m_registered = true;
        m_up = true;
        m_lastHeartbeat = nowMs();
    }
    logLine("link to " + m_config.host + ":" + std::to_string(m_config.port) + " up" + note);
    if (m_listener)
        m_listener->onLinkUp();
    m_stateChanged.notify_all();
}

void CstaLink::dispatch(const CstaFrame &frame) {
    CstaMessage message;
    std::string error;
    if (!decodeCstaMessage(frame.xml, message, error)) {
        logLine("dropped frame (invokeID " + std::to_string(frame.invokeId) + "): " + error);
        if (frame.invokeId != kCstaEventInvokeId) {
            CstaMessage failed;
            failed.type = CstaMessageType::Error;
            failed.result.error = CstaError::Unspecified;
            handleResponse(frame.invokeId, failed);
        }
        return;
    }
    switch (message.type) {
    case CstaMessageType::SystemStatus:
        m_lastHeartbeat = nowMs();
        m_sawSystemStatus = true;
        writeFrame(frame.invokeId, encodeSystemStatusResponse());
        break;
    case CstaMessageType::Response:
    case CstaMessageType::Error:
        handleResponse(frame.invokeId, message);
        break;
    case CstaMessageType::SnapshotDeviceData:
        handleSnapshotSegment(message.segment);
        break;
    case CstaMessageType::Event: {
        std::string device;
        {
            std::lock_guard lock(m_pendingMutex);
            auto it = m_deviceByCrossRef.find(message.event.crossRefId);
            if (it != m_deviceByCrossRef.end())
                device = it->second;
        }
        if (device.empty() && message.event.kind == EventKind::AgentStateChanged)
            device = message.event.subjectDevice;
        if (device.empty())
            return; // a monitor we stopped, or not ours
        message.event.monitoredDevice = device;
        if (m_listener)
            m_listener->onSwitchEvent(message.event);
        break;
    }
    default:
        break; // requests from the switch and stray link messages are ignored
    }
}

void CstaLink::handleResponse(int invokeId, const CstaMessage &message) {
    Pending pending;
    {
        std::lock_guard lock(m_pendingMutex);
        auto it = m_pending.find(invokeId);
        if (it == m_pending.end()) {
            logLine("response for unknown invokeID " + std::to_string(invokeId) + " ignored");
            return;
        }
        pending = std::move(it->second);
        m_pending.erase(it);
    }
    SwitchResult result = message.result;
    if (message.type == CstaMessageType::Response && message.responseTo != pending.kind) {
        logLine("invokeID " + std::to_string(invokeId) + ": expected "
                + std::string(toString(pending.kind)) + "Response, got <" + message.rootName + ">");
        result = SwitchResult{};
        result.error = CstaError::Unspecified;
    }
    if (pending.kind == RequestKind::MonitorStart && result.ok()) {
        std::lock_guard lock(m_pendingMutex);
        m_deviceByCrossRef[result.crossRefId] = pending.device;
        m_crossRefByDevice[pending.device] = result.crossRefId;
    }
    if (pending.kind == RequestKind::SnapshotDevice && result.ok()
        && !result.serviceCrossRefId.empty()) {
        // The entries follow in segments; the request completes with the last one.
        std::lock_guard lock(m_pendingMutex);
        pending.deadline = nowMs() + m_config.requestTimeoutMs;
        m_segmentedSnapshots[result.serviceCrossRefId] = {std::move(pending), {}, 0};
        return;
    }
    pending.done(result);
}

void CstaLink::handleSnapshotSegment(const SnapshotSegment &segment)
{
    Pending finished;
    SwitchResult result;
    {
        std::lock_guard lock(m_pendingMutex);
        auto it = m_segmentedSnapshots.find(segment.serviceCrossRefId);
        if (it == m_segmentedSnapshots.end()) {
            logLine("SnapshotDeviceData for unknown serviceCrossRefID '" + segment.serviceCrossRefId
                    + "' ignored");
            return;
        }
        SegmentedSnapshot &snapshot = it->second;
        if (segment.segmentId != snapshot.lastSegmentId + 1) {
            logLine("SnapshotDeviceData '" + segment.serviceCrossRefId + "': segment "
                    + std::to_string(segment.segmentId) + " after segment "
                    + std::to_string(snapshot.lastSegmentId) + "; the snapshot failed");
            result.error = CstaError::Unspecified;
        } else {
            snapshot.entries.insert(snapshot.entries.end(), segment.entries.begin(),
                                    segment.entries.end());
            snapshot.lastSegmentId = segment.segmentId;
            // A long snapshot that keeps arriving is not timed out from its request.
            snapshot.request.deadline = nowMs() + m_config.requestTimeoutMs;
            if (!segment.lastSegment)
                return;
            result.snapshot = std::move(snapshot.entries);
        }
        finished = std::move(snapshot.request);
        m_segmentedSnapshots.erase(it);
    }
    finished.done(result);
}

void CstaLink::send(const SwitchRequest &request, Done done) {
    if (!m_up) {
        SwitchResult down;
        down.error = CstaError::LinkDown;
        done(down);
        return;
    }
    SwitchRequest r = request;
    if (r.kind == RequestKind::MonitorStop) {
        bool known = false;
        {
            std::lock_guard lock(m_pendingMutex);
            auto it = m_crossRefByDevice.find(r.device);
            if (it != m_crossRefByDevice.end()) {
                known = true;
                r.crossRefId = it->second;
                m_deviceByCrossRef.erase(it->second);
                m_crossRefByDevice.erase(it);
            }
        }
        if (!known) {
            SwitchResult unknown;
            unknown.error = CstaError::InvalidMonitorCrossRefId;
            done(unknown);
            return;
        }
    }
    int invokeId = 0;
    {
        std::lock_guard lock(m_pendingMutex);
        do {
            invokeId = m_nextInvokeId;
            m_nextInvokeId = m_nextInvokeId % 9998 + 1;
        } while (m_pending.count(invokeId));
        m_pending[invokeId] = {r.kind, r.device, std::move(done),
                               nowMs() + m_config.requestTimeoutMs};
    }
    if (!writeFrame(invokeId, encodeCstaRequest(r))) {
        Pending pending;
        {
            std::lock_guard lock(m_pendingMutex);
            auto it = m_pending.find(invokeId);
            if (it == m_pending.end())
                return; // the I/O thread failed it already
            pending = std::move(it->second);
            m_pending.erase(it);
        }
        SwitchResult down;
        down.error = CstaError::LinkDown;
        pending.done(down);
    }
}

bool CstaLink::writeFrame(int invokeId, const std::string &xml) {
    std::string frame = encodeCstaFrame(invokeId, xml, m_config.maxFrame);
    if (frame.empty()) {
        logLine("request of " + std::to_string(xml.size()) + " bytes exceeds the frame cap");
        return false;
    }
    std::lock_guard lock(m_socketMutex);
    if (!m_connected)
        return false;
    try {
        size_t sent = 0;
        while (sent < frame.size()) {
            int n = m_socket.sendBytes(frame.data() + sent, static_cast<int>(frame.size() - sent),
                                       MSG_NOSIGNAL);
            if (n <= 0)
                throw Poco::Net::NetException("sendBytes returned " + std::to_string(n));
            sent += static_cast<size_t>(n);
        }
    } catch (const Poco::Exception &e) {
        logLine("write failed: " + e.displayText());
        try {
            m_socket.shutdown(); // wakes the I/O thread, which drops the link
        } catch (const Poco::Exception &) {
        }
        return false;
    }
    return true;
}

void CstaLink::failAll(CstaError error) {
    std::map<int, Pending> pending;
    std::map<std::string, SegmentedSnapshot> snapshots;
    {
        std::lock_guard lock(m_pendingMutex);
        pending.swap(m_pending);
        snapshots.swap(m_segmentedSnapshots);
    }
    SwitchResult failed;
    failed.error = error;
    for (auto &[id, p] : pending)
        p.done(failed);
    for (auto &[ref, s] : snapshots)
        s.request.done(failed);
}

void CstaLink::expireRequests() {
    std::vector<Pending> expired;
    int64_t now = nowMs();
    {
        std::lock_guard lock(m_pendingMutex);
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->second.deadline < now) {
                expired.push_back(std::move(it->second));
                it = m_pending.erase(it);
            } else {
                ++it;
            }
        }
        for (auto it = m_segmentedSnapshots.begin(); it != m_segmentedSnapshots.end();) {
            if (it->second.request.deadline < now) {
                logLine("SnapshotDeviceData '" + it->first + "': no segment for "
                        + std::to_string(m_config.requestTimeoutMs) + " ms; the snapshot failed");
                expired.push_back(std::move(it->second.request));
                it = m_segmentedSnapshots.erase(it);
            } else {
                ++it;
            }
        }
    }
    SwitchResult timeout;
    timeout.error = CstaError::Timeout;
    for (auto &p : expired)
        p.done(timeout);
}

} // namespace acd::tsp
