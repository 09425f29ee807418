#pragma once
// Many protocol clients in one thread: non-blocking sockets on one epoll loop, the WebSocket
// handshake and frames of acd::net (client side: masked frames out), JSON via Poco. Agent
// clients log their agent in at their station and go Ready; supervisor clients subscribe to
// everything and check that no event is lost (consecutive sequence numbers).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace acd::load {

struct ClientSpec {
    std::string user;
    std::string password;
    std::uint32_t agent = 0; ///< 0 for a supervisor
    std::string pin;
    std::string station;
    std::uint32_t group = 1;
};

struct LoadResults {
    std::size_t connected = 0; ///< clients past hello
    std::size_t ready = 0;     ///< agents logged in and Ready
    std::size_t failures = 0;  ///< connections lost or requests refused
    std::string firstFailure;
    std::uint64_t offersSeen = 0; ///< call.offered events at agent clients
    std::uint64_t supervisorEvents = 0;
    std::uint64_t gaps = 0; ///< missing sequence numbers at supervisors
    std::uint64_t overflowNotices = 0;
    std::uint64_t answered = 0; ///< call.answered seen by supervisors
    std::uint64_t completed = 0;
    std::uint64_t queued = 0;
    std::vector<double>
        offerLatencyMs; ///< route point arrival (call.queued at) -> agent's call.offered
};

class LoadClients {
public:
    LoadClients(int port, std::vector<ClientSpec> clients);
    ~LoadClients();
    /// Connects and logs everyone in, at most `connectsPerSecond` new connections a second;
    /// returns when all are ready or `timeoutMs` passed.
    bool start(int connectsPerSecond, int timeoutMs);
    /// Runs the event loop for `ms` milliseconds, measuring.
    void run(int ms);
    /// Only measure from now on (after the warm-up).
    void resetMeasurements();
    const LoadResults &results() const { return m_results; }

    class Client;

private:
    void poll(int timeoutMs);
    void onMessage(Client &c, const std::string &text);
    void fail(Client &c, const std::string &why);

    int m_port;
    int m_epoll = -1;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::map<std::uint64_t, double> m_queuedAt;  ///< call -> call.queued `at` (ms)
    std::map<std::uint64_t, double> m_offeredAt; ///< call -> agent receive time, when first
    LoadResults m_results;
};

/// Milliseconds since the Unix epoch with microsecond resolution.
double nowMs();

} // namespace acd::load
