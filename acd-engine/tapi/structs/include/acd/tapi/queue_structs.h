#pragma once
// Filling LINEQUEUELIST and LINEQUEUEINFO (TAPI 2.2). Return values as in agent_structs.h.
#include <string>
#include <vector>

#include "acd/tapi/var_struct.h"
#include "core/config.h"
#include "core/snapshots.h"
#include "tapi.h"

namespace acd::tapi {

/// One LINEQUEUEENTRY.
struct QueueRef {
    DWORD id = 0;
    std::string name;
};

/// LINEQUEUELIST: the entries in the given order, dwQueueID = the queue's configured id.
LONG fillQueueList(LINEQUEUELIST *list, const std::vector<QueueRef> &queues,
                   StringEncoding encoding);
LONG fillQueueList(LINEQUEUELIST *list, const std::vector<core::QueueConfig> &queues,
                   StringEncoding encoding);

/// LINEQUEUEINFO (no variable part) from a queue snapshot; statistics are its `period`
/// counters (the measurement window):
///   dwMeasurementPeriod: measurementPeriodMs in seconds;
///   dwTotalCallsQueued: offered (arrivals plus flowed in);
///   dwCurrentCallsQueued: `waiting` only: calls already ringing at an agent have left the
///     queue's waiting line (note dwCurrentLongestWaitTime does include them, because the
///     core's currentLongestWaitMs covers queued and ringing calls);
///   dwTotalCallsAbandoned: abandoned (in queue and while ringing);
///   dwTotalCallsFlowedIn / dwTotalCallsFlowedOut: flowedIn / flowedOut;
///   dwLongestEverWaitTime: the larger of maxWaitMs (longest wait of a call that left the
///     queue in the window) and currentLongestWaitMs (a call still waiting has waited at
///     least that long within the window);
///   dwCurrentLongestWaitTime: currentLongestWaitMs;
///   dwAverageWaitTime: averageWaitSeconds() (answered and abandoned calls);
///   dwFinalDisposition: 0. Its meaning is undocumented ("final disposition of the queue"),
///     and putting a count there would invent a meaning; flow-outs are already reported and
///     overflow disconnects have no TAPI field.
/// Times are whole seconds, rounded half up.
LONG fillQueueInfo(LINEQUEUEINFO *info, const core::QueueSnapshot &queue);

} // namespace acd::tapi
