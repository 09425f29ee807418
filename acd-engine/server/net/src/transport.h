#pragma once
// The byte-stream seam under the HTTP/WebSocket code. PlainTransport is a non-blocking TCP
// socket; TlsTransport (tls_transport.h) is OpenSSL over the same non-blocking fd. The server
// never touches the fd for data, only through this interface.
//
// Readiness: the loop always listens for EPOLLIN and adds EPOLLOUT while it has bytes to
// write. TLS adds two cases a byte stream does not have, reported here so the loop can map
// them to readiness: the transport itself needs the socket writable to make progress on a
// read or a handshake (wantsWritable), and a write cannot progress until the socket is
// readable (writeWantsReadable: the loop then retries the write on EPOLLIN instead of
// spinning on EPOLLOUT). TLS may also hold decrypted input the kernel no longer signals
// (hasBufferedInput).
#include <cstddef>
#include <string>

namespace acd::net::detail {

struct IoResult {
    enum class Status { Ok, WouldBlock, Closed, Error };
    Status status = Status::Ok;
    std::size_t bytes = 0;
    int error = 0; ///< errno for Error (0 for a TLS-level error, see Transport::failure)
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual IoResult read(char *buffer, std::size_t size) = 0;
    virtual IoResult write(const char *data, std::size_t size) = 0;
    /// Half-close: no more bytes from us (TCP FIN; TLS close_notify then FIN).
    virtual void shutdownWrite() = 0;
    /// True while the transport itself needs EPOLLOUT (TLS handshake, a read that must
    /// write first); plain TCP never does. On EPOLLOUT the loop then calls read() again.
    virtual bool wantsWritable() const { return false; }
    /// True when the last write() would block until the socket is readable (TLS).
    virtual bool writeWantsReadable() const { return false; }
    /// Input already taken from the kernel and not yet returned by read() (TLS records).
    virtual bool hasBufferedInput() const { return false; }
    /// TLS: the handshake is done (plain TCP: always true).
    virtual bool established() const { return true; }
    /// Why the transport failed at its own level (a TLS handshake or record error), for the
    /// log; empty for plain TCP and for an orderly or abrupt EOF.
    virtual std::string failure() const { return {}; }
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
