#include "tcp_relay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace acd::tsp::test {
namespace {

int connectLoopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

void writeAll(int fd, const char *data, size_t size) {
    while (size > 0) {
        ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        data += n;
        size -= static_cast<size_t>(n);
    }
}

} // namespace

TcpRelay::TcpRelay(int targetPort)
    : m_target(targetPort) {
    m_listenFd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    listen(m_listenFd, 16);
    socklen_t len = sizeof addr;
    getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { run(); });
}

TcpRelay::~TcpRelay() {
    m_stop = true;
    m_thread.join();
    cutAll();
    close(m_listenFd);
}

void TcpRelay::cutAll() {
    std::lock_guard lock(m_mutex);
    for (auto &p : m_pairs) {
        shutdown(p.client, SHUT_RDWR);
        shutdown(p.server, SHUT_RDWR);
        close(p.client);
        close(p.server);
    }
    m_pairs.clear();
}

void TcpRelay::injectToClients(const std::string &bytes) {
    std::lock_guard lock(m_mutex);
    for (auto &p : m_pairs)
        writeAll(p.client, bytes.data(), bytes.size());
}

void TcpRelay::run() {
    char buffer[65536];
    while (!m_stop) {
        std::vector<pollfd> fds{{m_listenFd, POLLIN, 0}};
        std::vector<Pair> pairs;
        {
            std::lock_guard lock(m_mutex);
            pairs = m_pairs;
        }
        for (const auto &p : pairs) {
            fds.push_back({p.client, POLLIN, 0});
            fds.push_back({p.server, POLLIN, 0});
        }
        if (poll(fds.data(), fds.size(), 10) <= 0)
            continue;
        if (fds[0].revents & POLLIN) {
            int client = accept(m_listenFd, nullptr, nullptr);
            if (client >= 0) {
                ++m_accepted;
                int server = m_refuse ? -1 : connectLoopback(m_target);
                if (server < 0) {
                    close(client);
                } else {
                    int one = 1;
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    std::lock_guard lock(m_mutex);
                    m_pairs.push_back({client, server});
                }
            }
        }
        std::lock_guard lock(m_mutex);
        for (size_t i = 1; i < fds.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const Pair &p = pairs[(i - 1) / 2];
            bool fromClient = (i - 1) % 2 == 0;
            // Skip pairs cut meanwhile.
            bool present = false;
            for (const auto &q : m_pairs)
                present = present || (q.client == p.client && q.server == p.server);
            if (!present)
                continue;
            int from = fromClient ? p.client : p.server;
            int to = fromClient ? p.server : p.client;
            ssize_t n = recv(from, buffer, sizeof buffer, 0);
            if (n <= 0) {
                for (auto it = m_pairs.begin(); it != m_pairs.end(); ++it) {
                    if (it->client == p.client) {
                        close(it->client);
                        close(it->server);
                        m_pairs.erase(it);
                        break;
                    }
                }
                continue;
            }
            bool swallow = fromClient ? m_swallowToServer.load() : m_swallowToClient.load();
            if (!swallow)
                writeAll(to, buffer, static_cast<size_t>(n));
        }
    }
}

} // namespace acd::tsp::test
