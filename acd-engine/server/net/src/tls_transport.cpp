#include "tls_transport.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cerrno>
#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sys/socket.h>

namespace acd::net::detail {

namespace {

// The oldest error on this thread's OpenSSL queue as text ("" when none), queue cleared.
std::string takeOpenSslError()
{
    unsigned long code = ERR_get_error();
    std::string text;
    if (code != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text = buffer;
    }
    ERR_clear_error();
    return text;
}

// A socket BIO with send(MSG_NOSIGNAL): OpenSSL's own writes with write(2) (SIGPIPE).
int fdOf(BIO *bio)
{
    return static_cast<int>(reinterpret_cast<std::intptr_t>(BIO_get_data(bio)));
}

int bioWrite(BIO *bio, const char *data, int size)
{
    BIO_clear_retry_flags(bio);
    for (;;) {
        ssize_t n = ::send(fdOf(bio), data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
        if (n >= 0)
            return static_cast<int>(n);
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            BIO_set_retry_write(bio);
        return -1;
    }
}

int bioRead(BIO *bio, char *buffer, int size)
{
    BIO_clear_retry_flags(bio);
    for (;;) {
        ssize_t n = ::recv(fdOf(bio), buffer, static_cast<std::size_t>(size), 0);
        if (n >= 0)
            return static_cast<int>(n);
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            BIO_set_retry_read(bio);
        return -1;
    }
}

long bioCtrl(BIO *, int command, long, void *)
{
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int bioCreate(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD *socketMethod()
{
    static BIO_METHOD *method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "acd-net socket");
        BIO_meth_set_write(m, bioWrite);
        BIO_meth_set_read(m, bioRead);
        BIO_meth_set_ctrl(m, bioCtrl);
        BIO_meth_set_create(m, bioCreate);
        return m;
    }();
    return method;
}

int noPassword(char *, int, int, void *)
{
    return 0; // an encrypted key fails to load instead of prompting on the terminal
}

std::string readable(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return std::strerror(errno);
    std::fclose(f);
    return {};
}

} // namespace

// ---- TlsContext --------------------------------------------------------------------------

std::shared_ptr<TlsContext> TlsContext::create(const std::string &certificateFile,
                                               const std::string &keyFile, std::string &error)
{
    ERR_clear_error();
    if (std::string why = readable(certificateFile); !why.empty()) {
        error = "cannot read TLS certificate file '" + certificateFile + "': " + why;
        return nullptr;
    }
    if (std::string why = readable(keyFile); !why.empty()) {
        error = "cannot read TLS key file '" + keyFile + "': " + why;
        return nullptr;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx) {
        error = "cannot create a TLS context: " + takeOpenSslError();
        return nullptr;
    }
    std::shared_ptr<TlsContext> context(new TlsContext(ctx));
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE
                                 | SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                              | SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_default_passwd_cb(ctx, noPassword);
    if (SSL_CTX_use_certificate_chain_file(ctx, certificateFile.c_str()) != 1) {
        error = "cannot load TLS certificate file '" + certificateFile
                + "' (PEM certificate chain expected): " + takeOpenSslError();
        return nullptr;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
        const unsigned long code = ERR_peek_error();
        if (ERR_GET_LIB(code) == ERR_LIB_X509 && ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH) {
            error = "TLS key file '" + keyFile + "' does not match the certificate in '"
                    + certificateFile + "': " + takeOpenSslError();
            return nullptr;
        }
        error = "cannot load TLS key file '" + keyFile
                + "' (unencrypted PEM private key expected): " + takeOpenSslError();
        return nullptr;
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
        error = "TLS key file '" + keyFile + "' does not match the certificate in '"
                + certificateFile + "': " + takeOpenSslError();
        return nullptr;
    }
    return context;
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

// ---- TlsTransport ------------------------------------------------------------------------

TlsTransport::TlsTransport(int fd, std::shared_ptr<TlsContext> context)
    : m_fd(fd), m_context(std::move(context))
{
    m_ssl = SSL_new(m_context->native());
    BIO *bio = m_ssl ? BIO_new(socketMethod()) : nullptr;
    if (!m_ssl || !bio) {
        m_failed = true;
        m_failure = "cannot create a TLS session: " + takeOpenSslError();
        if (bio)
            BIO_free(bio);
        return;
    }
    BIO_set_data(bio, reinterpret_cast<void *>(static_cast<std::intptr_t>(fd)));
    SSL_set_bio(m_ssl, bio, bio); // the SSL owns the BIO
    SSL_set_accept_state(m_ssl);
}

TlsTransport::~TlsTransport()
{
    if (m_ssl)
        SSL_free(m_ssl);
}

TlsTransport::Outcome TlsTransport::classify(int ret, const char *operation)
{
    const int savedErrno = errno;
    switch (SSL_get_error(m_ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        return Outcome::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Outcome::WantWrite;
    case SSL_ERROR_ZERO_RETURN: // close_notify
        ERR_clear_error();
        return Outcome::Closed;
    case SSL_ERROR_SYSCALL: {
        std::string queued = takeOpenSslError();
        m_failed = true;
        if (queued.empty() && (ret == 0 || savedErrno == 0))
            return Outcome::Closed; // EOF without close_notify
        if (queued.empty()) {
            if (savedErrno == ECONNRESET || savedErrno == EPIPE)
                return Outcome::Closed;
            queued = std::strerror(savedErrno);
        }
        m_failure = std::string(operation) + ": " + queued;
        return Outcome::Failed;
    }
    default: {
        m_failed = true;
        unsigned long code = ERR_peek_error();
        if (ERR_GET_LIB(code) == ERR_LIB_SSL
            && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            ERR_clear_error();
            return Outcome::Closed; // the peer closed TCP without close_notify
        }
        std::string queued = takeOpenSslError();
        m_failure = std::string(operation) + ": " + (queued.empty() ? "unknown error" : queued);
        return Outcome::Failed;
    }
    }
}

IoResult TlsTransport::incomplete(Outcome outcome, Outcome opposite, bool &wantsOpposite)
{
    switch (outcome) {
    case Outcome::WantRead:
    case Outcome::WantWrite:
        wantsOpposite = outcome == opposite;
        return {IoResult::Status::WouldBlock, 0, 0};
    case Outcome::Closed:
        return {IoResult::Status::Closed, 0, 0};
    case Outcome::Failed:
        break;
    }
    return {IoResult::Status::Error, 0, 0};
}

IoResult TlsTransport::read(char *buffer, std::size_t size)
{
    if (m_failed)
        return {IoResult::Status::Error, 0, 0};
    m_readWantsWrite = false;
    if (!m_established) {
        ERR_clear_error();
        int ret = SSL_do_handshake(m_ssl);
        if (ret != 1)
            return incomplete(classify(ret, "TLS handshake"), Outcome::WantWrite,
                              m_readWantsWrite);
        m_established = true;
        // Application data may have come with the client's Finished: read on.
    }
    // One record per call (read-ahead is off): the rest stays in the kernel and keeps the
    // socket readable for the next wakeup; hasBufferedInput() covers what OpenSSL holds.
    ERR_clear_error();
    int n = SSL_read(m_ssl, buffer, static_cast<int>(std::min<std::size_t>(size, INT_MAX)));
    if (n > 0)
        return {IoResult::Status::Ok, static_cast<std::size_t>(n), 0};
    return incomplete(classify(n, "TLS read"), Outcome::WantWrite, m_readWantsWrite);
}

IoResult TlsTransport::write(const char *data, std::size_t size)
{
    if (m_failed || !m_established)
        return {IoResult::Status::Error, 0, 0};
    m_writeWantsRead = false;
    if (size == 0)
        return {IoResult::Status::Ok, 0, 0};
    ERR_clear_error();
    int n = SSL_write(m_ssl, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX)));
    if (n > 0)
        return {IoResult::Status::Ok, static_cast<std::size_t>(n), 0};
    return incomplete(classify(n, "TLS write"), Outcome::WantRead, m_writeWantsRead);
}

void TlsTransport::shutdownWrite()
{
    // close_notify, best effort: one non-blocking attempt, then FIN. The loop then waits for
    // the peer's close_notify or EOF as it waits for a plain peer's EOF.
    if (m_ssl && m_established && !m_failed && !m_shutDown) {
        m_shutDown = true;
        ERR_clear_error();
        SSL_shutdown(m_ssl);
        ERR_clear_error();
    }
    ::shutdown(m_fd, SHUT_WR);
}

bool TlsTransport::hasBufferedInput() const
{
    return m_ssl && !m_failed && m_established && SSL_has_pending(m_ssl) == 1;
}

} // namespace acd::net::detail
