#pragma once
// Many protocol clients in one thread: non-blocking sockets on one epoll loop, the WebSocket
// handshake and frames of acd::net (client side: masked frames out), JSON via Poco. Agent
// clients log their agent in at their station, go Ready and open their station's line through
// remote TAPI (as libtapi does: lineInitializeEx, lineNegotiateAPIVersion, lineOpen), so they
// receive its LINE_CALLSTATE messages; supervisor clients subscribe to everything and check
// that no event is lost (consecutive sequence numbers).
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
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
    std::uint32_t lineDevice = 0; ///< the station's TAPI device ID (checked against its address)
};

/// Pairs the start and the end of a call's measured span, whichever is seen first (they come
/// from different connections), into latency samples in ms.
class LatencyPairs {
public:
    void start(std::uint64_t call, double atMs);
    void end(std::uint64_t call, double atMs);
    /// Forgets the call (it ended); an end seen later is not paired.
    void forget(std::uint64_t call);
    void clearSamples()
    {
        m_samples.clear();
        m_endedAt.clear();
    }
    const std::vector<double> &samples() const { return m_samples; }
    /// When each sample's span ended (ms since the epoch), in the order of samples().
    const std::vector<double> &endedAt() const { return m_endedAt; }

private:
    std::map<std::uint64_t, double> m_starts;
    std::map<std::uint64_t, double> m_endsFirst;
    std::vector<double> m_samples;
    std::vector<double> m_endedAt;
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
    std::uint64_t lineOfferings = 0; ///< LINE_CALLSTATE OFFERING at agents' station lines
    /// The switch's arrival of a call (its caller ID is the arrival time, pbx-sim
    /// --caller-ids arrival-time) -> LINE_CALLSTATE OFFERING at the agent's station line.
    LatencyPairs switchToLineOffering;
    /// The call's arrival in the engine (call.queued `at`) -> the agent's call.offered event.
    LatencyPairs engineToOfferEvent;
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
    void onAgentEvent(Client &c, std::string_view ev, const std::string &text);
    LoadResults m_results;
};

/// Milliseconds since the Unix epoch with microsecond resolution.
double nowMs();

} // namespace acd::load
