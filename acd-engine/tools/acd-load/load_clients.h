#pragma once
// Many protocol clients in one thread: non-blocking sockets on one epoll loop, the WebSocket
// handshake and frames of acd::net (client side: masked frames out), JSON via Poco. Agent
// clients log their agent in at their station, go Ready and open their station's line through
// remote TAPI (as libtapi does: lineInitializeEx, lineNegotiateAPIVersion, lineOpen), so they
// receive its LINE_CALLSTATE messages; supervisor clients subscribe to everything (and to the
// `stats` figures, as the supervisor console does) and check that no event is lost
// (consecutive sequence numbers).
#include "latency_pairs.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace acd::load {

struct ClientSpec {
    std::string user;
    std::string password;
    std::uint32_t agent = 0; ///< 0 for a supervisor
    std::string pin;
    std::string station;
    std::uint32_t group = 1;
    std::uint32_t lineDevice = 0; ///< the station's TAPI device ID (checked against its address)
    /// A supervisor also subscribes to `stats` (the queues' and agents' figures), as the
    /// supervisor console does.
    bool stats = false;
};

struct LoadResults {
    std::size_t connected = 0; ///< clients past hello
    std::size_t ready = 0;     ///< agents logged in and Ready
    std::size_t failures = 0;  ///< connections lost or requests refused
    std::string firstFailure;
    std::uint64_t offersSeen = 0; ///< call.offered events at agent clients
    std::uint64_t supervisorEvents = 0; ///< the `all` stream's events
    std::uint64_t statsEvents = 0;      ///< queue.stats and agent.stats
    std::uint64_t gaps = 0; ///< missing sequence numbers at supervisors
    std::uint64_t overflowNotices = 0; ///< from the first connection on, not only the window
    double firstOverflowAtMs = 0;      ///< when the first came (nowMs()), 0 if none
    std::uint64_t answered = 0; ///< call.answered seen by supervisors
    std::uint64_t completed = 0;
    std::uint64_t abandoned = 0; ///< of those completed: callers who hung up before an answer
    std::uint64_t queued = 0;
    std::uint64_t lineOfferings = 0; ///< LINE_CALLSTATE OFFERING at agents' station lines
    /// Agents put Not Ready by ring-no-answer, who then made themselves Ready again.
    std::uint64_t readyAgainAfterRona = 0;

    /// Adds another set of clients' results (the first failure seen stays).
    LoadResults &operator+=(const LoadResults &other);
};

/// Clients on one thread. acd-load runs its agents and its supervisors as two of these on two
/// threads, as they would be on different desktops: an agent's LINE_CALLSTATE is not read
/// after the supervisors' share of the full event stream. Both record into one `Latencies`.
class LoadClients {
public:
    LoadClients(int port, std::vector<ClientSpec> clients, Latencies &latencies);
    ~LoadClients();
    /// Connects and logs everyone in, at most `connectsPerSecond` new connections a second;
    /// returns when all are ready or `timeoutMs` passed.
    bool start(int connectsPerSecond, int timeoutMs);
    /// Runs the event loop for `ms` milliseconds, measuring.
    void run(int ms);
    /// Runs the event loop until `done` is set (by another thread).
    void runUntil(const std::atomic<bool> &done);
    /// Runs the event loop while `more()` is true, at most `maxMs` milliseconds.
    void runWhile(const std::function<bool()> &more, int maxMs);
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
    void onAgentEvent(Client &c, std::string_view ev, const std::string &text);
    Latencies &m_latencies;
    LoadResults m_results;
};

/// Milliseconds since the Unix epoch with microsecond resolution.
double nowMs();

} // namespace acd::load
