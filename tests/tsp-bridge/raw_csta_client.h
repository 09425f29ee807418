#pragma once

// A minimal blocking CSTA XML client for tests: a second computing function that changes
// the switch behind the provider's back (e.g. while the provider's link is down).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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
    /// Reads (bounded by `ms`) until at least `count` events have arrived in all.
    void waitForEvents(std::size_t count, int ms = 5000);
    /// The events received so far (during requests and waits), in order.
    const std::vector<SwitchEvent> &events() const { return m_events; }
    /// Reads (bounded by `ms`) until a SnapshotDeviceData segment flagged last has arrived.
    void waitForLastSnapshotSegment(int ms = 5000);
    /// The SnapshotDeviceData segments received so far, in order.
    const std::vector<SnapshotSegment> &snapshotSegments() const { return m_segments; }

private:
    int m_fd = -1;
    int m_nextInvokeId = 1;
    CstaFrameReader m_reader;
    std::vector<SwitchEvent> m_events;
    std::vector<SnapshotSegment> m_segments;
    /// Reads frames until `done()` holds, the link breaks or `ms` have passed.
    void readUntil(const std::function<bool()> &done, int ms);
    /// Reads and handles one frame (waiting at most 100 ms for bytes); false on a broken link.
    /// Sets `response` when the frame is the answer to `invokeId`.
    bool readOne(int invokeId, std::optional<SwitchResult> &response);
};

} // namespace acd::tsp::test
