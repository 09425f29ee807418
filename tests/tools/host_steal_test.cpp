// acd-load's reading of the hypervisor's steal time from /proc/stat.
#include "host_steal.h"

#include <gtest/gtest.h>

namespace acd::load {
namespace {

TEST(HostSteal, TheCpuLineGivesTheTotalOfItsFirstEightFieldsAndTheEighthAsSteal)
{
    const MachineCpu cpu = parseMachineCpu("cpu  100 5 20 800 10 0 15 50 7 0\n"
                                           "cpu0 50 2 10 400 5 0 8 25 3 0\n");
    EXPECT_EQ(cpu.total, 1000u); // guest (7) is inside user already
    EXPECT_EQ(cpu.steal, 50u);
}

TEST(HostSteal, AFileWithoutACpuLineOrWithTooFewFieldsReadsAsZero)
{
    EXPECT_EQ(parseMachineCpu("intr 1 2 3\n").total, 0u);
    EXPECT_EQ(parseMachineCpu("cpu  100 5 20\n").total, 0u);
    EXPECT_EQ(parseMachineCpu("cpu  100 5 x 800 10 0 15 50\n").total, 0u);
    EXPECT_EQ(parseMachineCpu("").total, 0u);
}

TEST(HostSteal, TheShareIsTheStolenPartOfTheTimeBetweenTwoReadings)
{
    const MachineCpu before{1000, 50};
    const MachineCpu after{3000, 250};
    EXPECT_DOUBLE_EQ(stealShare(before, after), 0.1);
    EXPECT_DOUBLE_EQ(stealShare(after, after), 0.0);
    EXPECT_DOUBLE_EQ(stealShare(after, before), 0.0); // a counter that went back: no figure
}

TEST(HostSteal, ThisMachinesProcStatHasACpuLine)
{
    EXPECT_GT(readMachineCpu().total, 0u);
}

} // namespace
} // namespace acd::load
