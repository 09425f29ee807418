#pragma once
// The Prometheus text exposition of /metrics: calls waiting, agents by state, events, queue
// depths, clients, writer backlog.
#include "acd/server/protocol_service.h"

#include <cstdint>
#include <string>

namespace acd::core {
class Engine;
}

namespace acd::server {

struct MetricsInput {
    const core::Engine *engine = nullptr;
    std::size_t clients = 0;
    ProtocolCounters protocol;
    std::uint64_t effects = 0;
    std::size_t writerQueued = 0;
    std::uint64_t writerWritten = 0;
    std::uint64_t writerFailed = 0;
    std::uint64_t openConnections = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t socketWrites = 0;
    std::uint64_t writerBatches = 0;
};

std::string buildMetrics(const MetricsInput &in);

} // namespace acd::server
