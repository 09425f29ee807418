#pragma once

// SwitchLink over CSTA Phase III XML on TCP (the csta provider's transport).
//
// One I/O thread owns connecting, reading, heartbeat supervision, request timeouts and
// reconnecting with exponential backoff; requests are written from the caller's thread.
// Link setup: connect, send SystemRegister, answer every SystemStatus from the switch; the
// link is up when SystemRegisterResponse (or a CSTAErrorCode for it) arrives, or, for
// switches that ignore SystemRegister, when the setup time passed with a SystemStatus seen. With
// heartbeatMs > 0 the switch must send SystemStatus at that period; two missed (no
// SystemStatus for 2.5 periods) drop the link. Every outstanding request is failed with
// CstaError::LinkDown exactly once when the link drops.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <Poco/Net/StreamSocket.h>

#include "acd/tsp/csta_codec.h"
#include "acd/tsp/csta_frame.h"
#include "acd/tsp/switch_link.h"

namespace acd::tsp {

struct CstaLinkConfig {
    std::string host = "127.0.0.1";
    int port = 1040;
    int heartbeatMs = 30000; ///< the switch's SystemStatus period; 0 = not supervised
    int requestTimeoutMs = 10000;
    int connectTimeoutMs = 2000;
    int reconnectMinMs = 200;
    int reconnectMaxMs = 5000;
    /// How long start() waits for the first link setup before returning.
    int startWaitMs = 3000;
    size_t maxFrame = kCstaMaxFrameSize;
};

class CstaLink final : public SwitchLink {
public:
    explicit CstaLink(CstaLinkConfig config);
    ~CstaLink() override;

    void start(LinkListener &listener) override;
    void stop() override;
    void send(const SwitchRequest &request, Done done) override;
    bool isUp() const override { return m_up; }

private:
    struct Pending {
        RequestKind kind;
        std::string device;
        Done done;
        int64_t deadline;
    };

    void run();
    bool connectOnce(std::string &reason);
    /// Reads and dispatches until the link fails; returns why.
    std::string serve();
    /// Marks the link registered and up and tells the listener (I/O thread).
    void linkUp(const std::string &note);
    void dispatch(const CstaFrame &frame);
    void handleResponse(int invokeId, const CstaMessage &message);
    /// Adds a SnapshotDeviceData segment to its snapshot; the last one completes the request.
    void handleSnapshotSegment(const SnapshotSegment &segment);
    bool writeFrame(int invokeId, const std::string &xml);
    void failAll(CstaError error);
    void expireRequests();
    int64_t nowMs() const;

    CstaLinkConfig m_config;
    LinkListener *m_listener = nullptr;
    std::atomic<bool> m_up{false};
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;

    std::mutex m_socketMutex; ///< guards m_socket, m_connected, writes
    Poco::Net::StreamSocket m_socket;
    bool m_connected = false;

    /// A SnapshotDevice the switch answers in segments: the request and the entries so far.
    struct SegmentedSnapshot {
        Pending request;
        std::vector<SnapshotEntry> entries;
        int lastSegmentId = 0;
    };

    std::mutex m_pendingMutex;
    std::map<int, Pending> m_pending;
    std::map<std::string, SegmentedSnapshot> m_segmentedSnapshots; ///< by serviceCrossRefID
    int m_nextInvokeId = 1;
    std::map<std::string, std::string> m_deviceByCrossRef;
    std::map<std::string, std::string> m_crossRefByDevice;

    std::mutex m_stateMutex;
    std::condition_variable m_stateChanged;
    bool m_registered = false;
    int64_t m_lastHeartbeat = 0;    ///< I/O thread only
    bool m_sawSystemStatus = false; ///< I/O thread only
};

} // namespace acd::tsp
