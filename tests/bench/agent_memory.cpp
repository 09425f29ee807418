#include "agent_memory.h"

#include "alloc_counter.h"
#include "core_center.h"
#include "workload.h"

namespace acd::bench {

double heapBytesPerAgent(int agents)
{
    Workload w(agents);
    Workload none(0);
    setHeapCounting(true);
    double perAgent = 0;
    {
        const std::size_t before = liveHeapBytes();
        CoreCenter empty(none);
        const std::size_t base = liveHeapBytes() - before;
        const std::size_t start = liveHeapBytes();
        CoreCenter center(w);
        perAgent = static_cast<double>(liveHeapBytes() - start - base) / agents;
    }
    setHeapCounting(false);
    return perAgent;
}

} // namespace acd::bench
