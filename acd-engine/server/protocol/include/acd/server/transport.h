#pragma once
// What the protocol needs from the network front: send a text message to a connection
// without blocking, close it, and resume a connection that overflowed. Implemented by the
// WebSocket front (acd::net) and by test doubles.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace acd::server {

using ConnectionId = std::uint64_t;

class Transport {
public:
    virtual ~Transport() = default;
    /// Queues `text` for the connection. False when its outbound queue is full (the front
    /// then reports an overflow once) or the connection is gone.
    virtual bool send(ConnectionId connection, std::string text) = 0;
    /// The same for a message made of two parts (an event's per-connection head and its shared
    /// body): a front may write them straight into its queue without joining them first.
    virtual bool sendParts(ConnectionId connection, std::string_view head, std::string_view tail)
    {
        std::string text;
        text.reserve(head.size() + tail.size());
        text.append(head).append(tail);
        return send(connection, std::move(text));
    }
    /// The connection now receives (or no longer receives, 0) a bulk stream: the front may
    /// gather its messages and write them at most once per `ms` milliseconds.
    virtual void setMinWriteInterval(ConnectionId connection, std::uint32_t ms)
    {
        (void)connection, (void)ms;
    }
    /// Queues several messages at once: `messages` holds them back to back, `ends` the offset
    /// just past each. Returns how many were queued, in order; the rest did not fit (the
    /// front then reports an overflow once, as for send()) or the connection is gone.
    virtual std::size_t sendMany(ConnectionId connection, std::string_view messages,
                                 std::span<const std::uint32_t> ends)
    {
        std::size_t begin = 0;
        for (std::size_t i = 0; i < ends.size(); ++i) {
            if (!send(connection, std::string(messages.substr(begin, ends[i] - begin))))
                return i;
            begin = ends[i];
        }
        return ends.size();
    }
    /// Queues numbered messages that many connections share: message i is `prefix`, the
    /// number `firstNumber + i`, then its body; the bodies lie back to back in `messages` from
    /// `begin`, `ends` holds the offset just past each. `owner` keeps them alive and
    /// unchanged, so a front may keep a reference and write the frames later on its own thread
    /// instead of taking a copy for each connection. Returns how many were queued, as
    /// sendMany.
    virtual std::size_t sendNumbered(ConnectionId connection, std::string_view prefix,
                                     std::uint64_t firstNumber, std::shared_ptr<const void> owner,
                                     std::string_view messages, std::size_t begin,
                                     std::span<const std::uint32_t> ends)
    {
        (void)owner; // copied here, so not needed after this call
        std::string joined;
        std::vector<std::uint32_t> joinedEnds;
        std::size_t from = begin;
        for (std::size_t i = 0; i < ends.size(); ++i) {
            joined.append(prefix).append(std::to_string(firstNumber + i));
            joined.append(messages.substr(from, ends[i] - from));
            joinedEnds.push_back(static_cast<std::uint32_t>(joined.size()));
            from = ends[i];
        }
        return sendMany(connection, joined, joinedEnds);
    }
    virtual void close(ConnectionId connection, std::uint16_t code, std::string reason) = 0;
    /// After an overflow: clears the connection's overflow state and queues `notice` (the
    /// overflow event) even past the queue's limit, behind what was queued before.
    virtual void resume(ConnectionId connection, std::string notice) = 0;
};

} // namespace acd::server
