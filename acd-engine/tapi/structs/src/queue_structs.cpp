#include "acd/tapi/queue_structs.h"
#include "acd/tapi/values.h"
#include "list_fill.h"

#include <algorithm>

namespace acd::tapi {

template<typename Item>
static LONG fillQueueEntries(LINEQUEUELIST *list, const std::vector<Item> &queues,
                             StringEncoding encoding)
{
    if (!list)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(list, sizeof(LINEQUEUELIST)))
        return err;
    VarStructWriter w(list, sizeof(LINEQUEUELIST));
    list->dwNumEntries = static_cast<DWORD>(queues.size());
    const Placement entries = detail::appendNamedEntries<LINEQUEUEENTRY>(
        w, std::span<const Item>(queues),
        [](LINEQUEUEENTRY &e, const Item &q) { e.dwQueueID = q.id; },
        [](const Item &q) -> const std::string & { return q.name; }, encoding);
    list->dwListSize = entries.size;
    list->dwListOffset = entries.offset;
    return 0;
}

LONG fillQueueList(LINEQUEUELIST *list, const std::vector<QueueRef> &queues,
                   StringEncoding encoding)
{
    return fillQueueEntries(list, queues, encoding);
}

LONG fillQueueList(LINEQUEUELIST *list, const std::vector<core::QueueConfig> &queues,
                   StringEncoding encoding)
{
    return fillQueueEntries(list, queues, encoding);
}

LONG fillQueueInfo(LINEQUEUEINFO *info, const core::QueueSnapshot &queue)
{
    if (!info)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(info, sizeof(LINEQUEUEINFO)))
        return err;
    VarStructWriter w(info, sizeof(LINEQUEUEINFO));
    const core::QueueCounters &c = queue.period;
    auto count = [](std::uint64_t v) {
        return static_cast<DWORD>(std::min<std::uint64_t>(v, 0xFFFFFFFFu));
    };
    info->dwMeasurementPeriod = secondsFromMs(queue.measurementPeriodMs);
    info->dwTotalCallsQueued = count(c.offered);
    info->dwCurrentCallsQueued = static_cast<DWORD>(std::max(queue.waiting, 0));
    info->dwTotalCallsAbandoned = count(c.abandoned);
    info->dwTotalCallsFlowedIn = count(c.flowedIn);
    info->dwTotalCallsFlowedOut = count(c.flowedOut);
    info->dwLongestEverWaitTime = secondsFromMs(std::max(c.maxWaitMs, queue.currentLongestWaitMs));
    info->dwCurrentLongestWaitTime = secondsFromMs(queue.currentLongestWaitMs);
    info->dwAverageWaitTime = roundSeconds(c.averageWaitSeconds());
    info->dwFinalDisposition = 0; // undocumented meaning; see queue_structs.h
    return 0;
}

} // namespace acd::tapi
