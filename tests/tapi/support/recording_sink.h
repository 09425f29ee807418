#pragma once
// A MessageSink that records what a line application receives, for the TAPI tests whose
// test thread is the engine thread.
#include "acd/tapi/server.h"

#include <cstddef>
#include <vector>

namespace acd::tapi::test {

class RecordingSink : public MessageSink {
public:
    void deliver(const LINEMESSAGE &message) override { messages.push_back(message); }
    std::vector<LINEMESSAGE> messages;
    /// Messages with this ID, in order.
    std::vector<LINEMESSAGE> with(DWORD id) const;
    /// The LINE_REPLY result of a request, or 1 when none came.
    LONG reply(LONG requestId) const;
    std::size_t replies(LONG requestId) const;
    void clear() { messages.clear(); }
};

} // namespace acd::tapi::test
