#pragma once
// The byte-stream seam under the HTTP/WebSocket code. PlainTransport is a non-blocking TCP
// socket. A TLS transport (OpenSSL SSL_read/SSL_write over the same non-blocking fd, or
// memory BIOs) implements the same three calls; the one extra thing TLS needs, wanting the
// socket writable while the application has nothing to send (renegotiation, handshake), is
// wantsWritable(). The server never touches the fd for data, only through this interface.
#include <cstddef>

namespace acd::net::detail {

struct IoResult {
    enum class Status { Ok, WouldBlock, Closed, Error };
    Status status = Status::Ok;
    std::size_t bytes = 0;
    int error = 0; ///< errno for Error
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual IoResult read(char *buffer, std::size_t size) = 0;
    virtual IoResult write(const char *data, std::size_t size) = 0;
    /// Half-close: no more bytes from us (TCP FIN; TLS close_notify then FIN).
    virtual void shutdownWrite() = 0;
    /// True while the transport itself needs EPOLLOUT (TLS handshake); plain TCP never does.
    virtual bool wantsWritable() const { return false; }
};

/// Non-blocking TCP. Does not own the fd (the server closes it).
class PlainTransport final : public Transport {
public:
    explicit PlainTransport(int fd) : m_fd(fd) {}
    IoResult read(char *buffer, std::size_t size) override;
    IoResult write(const char *data, std::size_t size) override;
    void shutdownWrite() override;

private:
    int m_fd;
};

} // namespace acd::net::detail
