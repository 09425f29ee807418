#pragma once

// A loopback TCP relay for link fault tests: sits between the csta provider and pbx-sim and
// can cut every connection, refuse new ones, swallow one direction (a silent link), or
// inject raw bytes towards the client (malformed frames).

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace acd::tsp::test {

class TcpRelay {
public:
    explicit TcpRelay(int targetPort);
    ~TcpRelay();

    int port() const { return m_port; }
    void setTarget(int port) { m_target = port; }
    /// Closes every relayed connection (both sides).
    void cutAll();
    /// New connections are accepted and closed at once.
    void setRefuse(bool refuse) { m_refuse = refuse; }
    /// Drop the bytes going client->server / server->client.
    void setSwallow(bool toServer, bool toClient) {
        m_swallowToServer = toServer;
        m_swallowToClient = toClient;
    }
    /// Writes raw bytes to every connected client.
    void injectToClients(const std::string &bytes);
    int accepted() const { return m_accepted; }

private:
    struct Pair {
        int client = -1;
        int server = -1;
    };
    void run();

    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<int> m_target;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_refuse{false};
    std::atomic<bool> m_swallowToServer{false};
    std::atomic<bool> m_swallowToClient{false};
    std::atomic<int> m_accepted{0};
    std::mutex m_mutex;
    std::vector<Pair> m_pairs;
    std::thread m_thread;
};

} // namespace acd::tsp::test
