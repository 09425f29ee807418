#pragma once

// A minimal blocking CSTA XML client for tests: a second computing function that changes
// the switch behind the provider's back (e.g. while the provider's link is down).

#include <string>

#include "acd/tsp/csta_codec.h"
#include "acd/tsp/csta_frame.h"

namespace acd::tsp::test {

class RawCstaClient {
public:
    explicit RawCstaClient(int port);
    ~RawCstaClient();
    bool connected() const { return m_fd >= 0; }
    /// Sends a request and waits (bounded) for its response; events are skipped and
    /// SystemStatus is answered.
    SwitchResult request(const SwitchRequest &request);

private:
    int m_fd = -1;
    int m_nextInvokeId = 1;
    CstaFrameReader m_reader;
};

} // namespace acd::tsp::test
