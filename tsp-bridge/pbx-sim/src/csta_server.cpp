#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <map>
#include <unordered_map>

#include "acd/tsp/csta_codec.h"
#include "acd/tsp/csta_frame.h"
#include "acd/tsp/pbx_sim.h"

namespace acd::tsp {
namespace {

void logLine(const std::string &text) {
    std::fprintf(stderr, "pbx-sim: %s\n", text.c_str());
}

struct Client {
    Poco::Net::StreamSocket socket;
    std::string peer;
    CstaFrameReader reader;
    std::map<std::string, std::string> monitors; ///< crossRefID -> device
    /// device -> its monitors' crossRefIDs, oldest first: an event finds its monitors
    /// without a walk over every monitor of the client (5,000 stations at 500 calls/s).
    std::unordered_map<std::string, std::vector<std::string>> monitorsOfDevice;
    int nextInvokeId = 1;
    int unansweredHeartbeats = 0;
    int64_t nextHeartbeat = 0;
    bool alive = true;
};

} // namespace

struct CstaServer::Impl {
    /// The most snapshot entries one message carries (about 250 bytes each): longer
    /// snapshots go in SnapshotDeviceData segments, well under any client's frame cap.
    static constexpr size_t kSnapshotEntriesPerMessage = 10;

    PbxSimConfig config;
    SwitchModel model;
    std::unique_ptr<TrafficGenerator> traffic;
    std::unique_ptr<SimulatedAgents> agents;
    Poco::Net::ServerSocket listener;
    std::vector<std::unique_ptr<Client>> clients;
    std::vector<SwitchEvent> events;
    uint64_t crossRefCounter = 0;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

    explicit Impl(PbxSimConfig c)
        : config(std::move(c))
        , model(config.switchConfig) {
        model.addEventSink([this](const SwitchEvent &event) { events.push_back(event); });
        if (config.traffic && config.traffic->callsPerHour > 0) {
            traffic =
                std::make_unique<TrafficGenerator>(model, *config.traffic, model.routePoints());
            traffic->start();
        }
        if (config.agents)
            agents = std::make_unique<SimulatedAgents>(model, *config.agents, config.agentStations);
    }

    int64_t now() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - start)
            .count();
    }

    void send(Client &client, int invokeId, const std::string &xml) {
        std::string frame;
        appendFrame(client, frame, invokeId, xml);
        sendBytes(client, frame);
    }

    /// Appends the framed message to `out`; logs and drops one over the frame cap.
    static void appendFrame(const Client &client, std::string &out, int invokeId,
                            const std::string &xml) {
        std::string frame = encodeCstaFrame(invokeId, xml);
        if (frame.empty()) {
            const auto declaration = xml.find("?>");
            logLine("message for " + client.peer + " of " + std::to_string(xml.size())
                    + " bytes exceeds the CSTA frame cap; dropped: "
                    + xml.substr(declaration == std::string::npos ? 0 : declaration + 2, 80));
        }
        out += frame;
    }

    void sendBytes(Client &client, const std::string &bytes) {
        if (!client.alive || bytes.empty())
            return;
        try {
            size_t sent = 0;
            while (sent < bytes.size()) {
                int n = client.socket.sendBytes(
                    bytes.data() + sent, static_cast<int>(bytes.size() - sent), MSG_NOSIGNAL);
                if (n <= 0)
                    throw Poco::IOException("connection closed");
                sent += static_cast<size_t>(n);
            }
        } catch (const Poco::Exception &e) {
            logLine("write to " + client.peer + " failed: " + e.displayText());
            client.alive = false;
        }
    }

    void sendSystemStatus(Client &client) {
        ++client.unansweredHeartbeats;
        int id = client.nextInvokeId;
        client.nextInvokeId = client.nextInvokeId % 9998 + 1;
        send(client, id, encodeSystemStatus("normal"));
    }

    void flushEvents() {
        std::vector<SwitchEvent> pending;
        pending.swap(events);
        for (auto &client : clients) {
            // One write per client for everything one request or tick caused.
            std::string out;
            for (auto &event : pending) {
                const auto monitored = client->monitorsOfDevice.find(event.monitoredDevice);
                if (monitored == client->monitorsOfDevice.end())
                    continue;
                for (const std::string &crossRef : monitored->second) {
                    event.crossRefId = crossRef;
                    appendFrame(*client, out, kCstaEventInvokeId, encodeCstaEvent(event));
                }
            }
            sendBytes(*client, out);
        }
    }

    void accept() {
        auto client = std::make_unique<Client>();
        Poco::Net::SocketAddress peer;
        client->socket = listener.acceptConnection(peer);
        client->socket.setNoDelay(true);
        client->socket.setSendTimeout(Poco::Timespan(5, 0));
        client->peer = peer.toString();
        client->nextHeartbeat = now() + config.heartbeatMs;
        logLine("client " + client->peer + " connected");
        sendSystemStatus(*client);
        clients.push_back(std::move(client));
    }

    void handleRequest(Client &client, int invokeId, const SwitchRequest &request) {
        SwitchResult result;
        if (request.kind == RequestKind::MonitorStart) {
            result = model.execute(request);
            if (result.ok()) {
                result.crossRefId = std::to_string(++crossRefCounter);
                client.monitors[result.crossRefId] = request.device;
                client.monitorsOfDevice[request.device].push_back(result.crossRefId);
            }
        } else if (request.kind == RequestKind::MonitorStop) {
            const auto monitor = client.monitors.find(request.crossRefId);
            if (monitor == client.monitors.end()) {
                result.error = CstaError::InvalidMonitorCrossRefId;
            } else {
                auto &refs = client.monitorsOfDevice[monitor->second];
                refs.erase(std::find(refs.begin(), refs.end(), request.crossRefId));
                if (refs.empty())
                    client.monitorsOfDevice.erase(monitor->second);
                client.monitors.erase(monitor);
            }
        } else {
            result = model.execute(request);
        }
        std::vector<SnapshotEntry> segmented;
        if (request.kind == RequestKind::SnapshotDevice
            && result.snapshot.size() > kSnapshotEntriesPerMessage) {
            // Too long for one message (a route point holding hundreds of callers): the
            // entries follow in segments under a service cross reference (ECMA-269).
            result.serviceCrossRefId = "snapshot-" + std::to_string(++crossRefCounter);
            segmented.swap(result.snapshot);
        }
        send(client, invokeId, encodeCstaResponse(request.kind, result));
        if (!segmented.empty())
            sendSnapshotSegments(client, result.serviceCrossRefId, segmented);
        flushEvents();
    }

    void sendSnapshotSegments(Client &client, const std::string &serviceCrossRefId,
                              const std::vector<SnapshotEntry> &entries)
    {
        std::string out;
        SnapshotSegment segment;
        segment.serviceCrossRefId = serviceCrossRefId;
        for (size_t first = 0; first < entries.size(); first += kSnapshotEntriesPerMessage) {
            const size_t end = std::min(entries.size(), first + kSnapshotEntriesPerMessage);
            segment.entries.assign(entries.begin() + static_cast<std::ptrdiff_t>(first),
                                   entries.begin() + static_cast<std::ptrdiff_t>(end));
            ++segment.segmentId;
            segment.lastSegment = end == entries.size();
            appendFrame(client, out, kCstaEventInvokeId, encodeSnapshotDeviceData(segment));
        }
        sendBytes(client, out);
    }

    void handleFrame(Client &client, const CstaFrame &frame) {
        CstaMessage message;
        std::string error;
        if (!decodeCstaMessage(frame.xml, message, error)) {
            logLine(client.peer + ": invokeID " + std::to_string(frame.invokeId) + ": " + error);
            if (frame.invokeId != kCstaEventInvokeId) {
                SwitchResult failed;
                failed.error = error.rfind("CSTA: unknown message", 0) == 0
                                   ? CstaError::ServiceNotSupported
                                   : CstaError::Unspecified;
                send(client, frame.invokeId, encodeCstaResponse(RequestKind::MakeCall, failed));
            }
            return;
        }
        switch (message.type) {
        case CstaMessageType::Request:
            handleRequest(client, frame.invokeId, message.request);
            break;
        case CstaMessageType::SystemStatus:
            send(client, frame.invokeId, encodeSystemStatusResponse());
            break;
        case CstaMessageType::SystemStatusResponse:
            client.unansweredHeartbeats = 0;
            break;
        case CstaMessageType::SystemRegister:
            send(client, frame.invokeId, encodeSystemRegisterResponse("1"));
            break;
        default:
            logLine(client.peer + ": ignored <" + message.rootName + ">");
            break;
        }
    }

    void read(Client &client) {
        char buffer[16384];
        int n = 0;
        try {
            n = client.socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception &e) {
            logLine(client.peer + ": read failed: " + e.displayText());
            client.alive = false;
            return;
        }
        if (n <= 0) {
            client.alive = false;
            return;
        }
        client.reader.feed(buffer, static_cast<size_t>(n));
        CstaFrame frame;
        std::string error;
        for (;;) {
            auto status = client.reader.next(frame, error);
            if (status == CstaFrameReader::Status::NeedMore)
                return;
            if (status == CstaFrameReader::Status::Error) {
                logLine(client.peer + ": " + error + "; closing the connection");
                client.alive = false;
                return;
            }
            handleFrame(client, frame);
            if (!client.alive)
                return;
        }
    }

    void heartbeats() {
        if (config.heartbeatMs <= 0)
            return;
        int64_t t = now();
        for (auto &client : clients) {
            if (t < client->nextHeartbeat)
                continue;
            client->nextHeartbeat = t + config.heartbeatMs;
            if (client->unansweredHeartbeats >= 2) {
                logLine(client->peer + ": two heartbeats unanswered; closing the connection");
                client->alive = false;
                continue;
            }
            sendSystemStatus(*client);
        }
    }

    void reap() {
        for (auto it = clients.begin(); it != clients.end();) {
            if ((*it)->alive) {
                ++it;
                continue;
            }
            logLine("client " + (*it)->peer + " disconnected");
            try {
                (*it)->socket.close();
            } catch (const Poco::Exception &) {
            }
            it = clients.erase(it);
        }
    }

    void serveOnce() {
        Poco::Net::Socket::SocketList readable{listener};
        for (auto &client : clients)
            readable.push_back(client->socket);
        Poco::Net::Socket::SocketList writable;
        Poco::Net::Socket::SocketList failed;
        int64_t wait = 20;
        int64_t nextTimer = model.nextTimerAt();
        if (nextTimer >= 0)
            wait = std::max<int64_t>(0, std::min<int64_t>(wait, nextTimer - now()));
        try {
            Poco::Net::Socket::select(readable, writable, failed,
                                      Poco::Timespan(0, static_cast<long>(wait * 1000)));
        } catch (const Poco::Exception &e) {
            logLine("select failed: " + e.displayText());
        }
        for (auto &socket : readable) {
            if (socket == listener) {
                try {
                    accept();
                } catch (const Poco::Exception &e) {
                    logLine("accept failed: " + e.displayText());
                }
                continue;
            }
            for (auto &client : clients) {
                if (client->socket == socket && client->alive)
                    read(*client);
            }
        }
        model.advanceTo(now());
        flushEvents();
        heartbeats();
        reap();
    }
};

CstaServer::CstaServer(PbxSimConfig config)
    : m_impl(std::make_unique<Impl>(std::move(config))) {}

CstaServer::~CstaServer() = default;

bool CstaServer::bind(std::string &error) {
    try {
        Poco::Net::SocketAddress address(m_impl->config.host,
                                         static_cast<Poco::UInt16>(m_impl->config.port));
        m_impl->listener.bind(address, true);
        m_impl->listener.listen(64);
    } catch (const Poco::Exception &e) {
        error = "pbx-sim: cannot listen on " + m_impl->config.host + ":"
                + std::to_string(m_impl->config.port) + ": " + e.displayText();
        return false;
    }
    return true;
}

int CstaServer::port() const {
    return m_impl->listener.address().port();
}

void CstaServer::run(const std::atomic<bool> &stop) {
    while (!stop)
        m_impl->serveOnce();
    for (auto &client : m_impl->clients)
        client->alive = false;
    m_impl->reap();
}

} // namespace acd::tsp
