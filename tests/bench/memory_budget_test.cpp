// The core's memory target (issue: at most 2 KiB of heap per logged-in agent), kept by a test:
// acd-bench's memory/10000 reports the figure, this fails the build's tests when a change
// grows an agent past the budget. Heap bytes are counted by this binary's replacement
// operator new (alloc_counter.cpp), exactly as the benchmark counts them.
#include "agent_memory.h"

#include <gtest/gtest.h>

namespace acd::bench {
namespace {

constexpr double kBudgetBytesPerAgent = 2048;

TEST(MemoryBudget, ALoggedInAgentWithTenSkillsCostsAtMostTwoKibibytesAtTenThousandAgents)
{
    const double perAgent = heapBytesPerAgent(10000);
    EXPECT_GT(perAgent, 500.0) << "the counter did not see the agents";
    EXPECT_LE(perAgent, kBudgetBytesPerAgent);
    RecordProperty("bytes_per_agent", static_cast<int>(perAgent));
}

} // namespace
} // namespace acd::bench
