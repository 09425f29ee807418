#include "transport.h"

#include <cerrno>
#include <sys/socket.h>

namespace acd::net::detail {

IoResult PlainTransport::read(char *buffer, std::size_t size)
{
    for (;;) {
        ssize_t n = ::recv(m_fd, buffer, size, 0);
        if (n > 0)
            return {IoResult::Status::Ok, static_cast<std::size_t>(n), 0};
        if (n == 0)
            return {IoResult::Status::Closed, 0, 0};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return {IoResult::Status::WouldBlock, 0, 0};
        return {IoResult::Status::Error, 0, errno};
    }
}

IoResult PlainTransport::write(const char *data, std::size_t size)
{
    for (;;) {
        ssize_t n = ::send(m_fd, data, size, MSG_NOSIGNAL);
        if (n >= 0)
            return {IoResult::Status::Ok, static_cast<std::size_t>(n), 0};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return {IoResult::Status::WouldBlock, 0, 0};
        return {IoResult::Status::Error, 0, errno};
    }
}

void PlainTransport::shutdownWrite()
{
    ::shutdown(m_fd, SHUT_WR);
}

} // namespace acd::net::detail
