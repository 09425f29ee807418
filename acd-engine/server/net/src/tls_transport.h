#pragma once
// TLS over a non-blocking socket with OpenSSL (server side only).
//
// TlsContext is one SSL_CTX per listener: certificate chain and private key from PEM files,
// TLS 1.2 minimum, OpenSSL's default ciphers, no renegotiation, buffers released while idle.
// TlsTransport is one SSL per connection over the connection's fd through a small BIO that
// uses send(MSG_NOSIGNAL)/recv (OpenSSL's socket BIO writes with write(2), which raises
// SIGPIPE on a reset connection). The handshake is driven by read(): the loop's ordinary
// read path, so it is bounded by the server's handshake timeout like a slow HTTP request.
#include "transport.h"

#include <memory>
#include <string>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace acd::net::detail {

class TlsContext {
public:
    /// Loads and checks the certificate chain and key; nullptr with `error` naming the file
    /// and the reason when either cannot be loaded or they do not match.
    static std::shared_ptr<TlsContext> create(const std::string &certificateFile,
                                              const std::string &keyFile, std::string &error);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;
    SSL_CTX *native() const { return m_ctx; }

private:
    explicit TlsContext(SSL_CTX *ctx) : m_ctx(ctx) {}
    SSL_CTX *m_ctx;
};

/// Does not own the fd (the server closes it). Keeps its context alive.
class TlsTransport final : public Transport {
public:
    TlsTransport(int fd, std::shared_ptr<TlsContext> context);
    ~TlsTransport() override;
    TlsTransport(const TlsTransport &) = delete;
    TlsTransport &operator=(const TlsTransport &) = delete;

    IoResult read(char *buffer, std::size_t size) override;
    IoResult write(const char *data, std::size_t size) override;
    void shutdownWrite() override;
    bool wantsWritable() const override { return m_readWantsWrite; }
    bool writeWantsReadable() const override { return m_writeWantsRead; }
    bool hasBufferedInput() const override;
    bool established() const override { return m_established; }
    std::string failure() const override { return m_failure; }

private:
    enum class Outcome { WantRead, WantWrite, Closed, Failed };
    Outcome classify(int ret, const char *operation);
    /// What an OpenSSL call that did not complete means to the loop. `wantsOpposite` is set
    /// when OpenSSL must first move data the other way (`opposite`: WantWrite for a read).
    static IoResult incomplete(Outcome outcome, Outcome opposite, bool &wantsOpposite);

    int m_fd;
    std::shared_ptr<TlsContext> m_context;
    SSL *m_ssl = nullptr;
    bool m_established = false;
    bool m_readWantsWrite = false;
    bool m_writeWantsRead = false;
    bool m_failed = false;   // fatal error: no SSL_shutdown, nothing more
    bool m_shutDown = false;
    std::string m_failure;
};

} // namespace acd::net::detail
