#pragma once
// Numbered messages queued by reference (WsServer::sendNumbered). A producer that sends one
// burst of events to many connections hands each connection a reference to the one copy and
// a first number; the connection's I/O thread writes the frames (`prefix`, the message's
// number, its body) when it sends them. The producer then writes each message once, not once
// per connection into buffers that another core reads.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace acd::net::detail {

struct NumberedRun {
    std::shared_ptr<const void> owner;   ///< keeps `messages` and `ends` alive and unchanged
    std::string_view messages;           ///< the bodies back to back
    std::size_t begin = 0;               ///< offset of the run's first body in `messages`
    std::span<const std::uint32_t> ends; ///< offset just past each of the run's bodies
    std::uint64_t firstNumber = 0;
    std::string prefix;
    std::size_t at = 0; ///< offset in the connection's pending bytes where the frames go
};

/// The bytes of one numbered message's text frame, header included.
std::size_t numberedFrameSize(std::size_t prefixSize, std::uint64_t number, std::size_t bodySize);

/// Appends `bytes` to `out` with the frames of each run inserted at its `at` (runs in order).
void appendWithRuns(std::string &out, std::string_view bytes, const std::vector<NumberedRun> &runs);

} // namespace acd::net::detail
