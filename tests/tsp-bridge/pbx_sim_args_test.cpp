// pbx-sim's command line and config file.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "acd/tsp/pbx_sim.h"

namespace acd::tsp {
namespace {

bool parse(std::vector<const char *> args, PbxSimConfig &config, std::string &error) {
    args.insert(args.begin(), "pbx-sim");
    bool help = false;
    return parsePbxSimArgs(static_cast<int>(args.size()), args.data(), config, help, error);
}

TEST(PbxSimArgs, DefaultsAreAPlainSwitchWithoutTraffic) {
    PbxSimConfig config;
    std::string error;
    ASSERT_TRUE(parse({}, config, error));
    EXPECT_EQ(config.host, "127.0.0.1");
    EXPECT_EQ(config.port, 1040);
    EXPECT_EQ(config.switchConfig.firstStation, "100");
    EXPECT_EQ(config.switchConfig.lastRoutePoint, "9009");
    EXPECT_FALSE(config.traffic.has_value());
    EXPECT_FALSE(config.agents.has_value());
    EXPECT_EQ(config.heartbeatMs, 30000);
}

TEST(PbxSimArgs, TheDocumentedOptionsAreRead) {
    PbxSimConfig config;
    std::string error;
    ASSERT_TRUE(parse({"--csta-listen", "0.0.0.0:0", "--stations", "200-249", "--route-points",
                       "7000-7001", "--calls-per-hour", "360"},
                      config, error))
        << error;
    EXPECT_EQ(config.host, "0.0.0.0");
    EXPECT_EQ(config.port, 0);
    EXPECT_EQ(config.switchConfig.lastStation, "249");
    EXPECT_EQ(config.switchConfig.firstRoutePoint, "7000");
    ASSERT_TRUE(config.traffic.has_value());
    EXPECT_EQ(config.traffic->callsPerHour, 360.0);
}

TEST(PbxSimArgs, CallerIdsCanBeTheArrivalTime) {
    PbxSimConfig config;
    std::string error;
    ASSERT_TRUE(parse({"--calls-per-hour", "60", "--caller-ids", "arrival-time"}, config, error))
        << error;
    ASSERT_TRUE(config.traffic.has_value());
    EXPECT_TRUE(config.traffic->callerIdIsArrivalTime);
    PbxSimConfig counted;
    ASSERT_TRUE(parse({"--calls-per-hour", "60"}, counted, error)) << error;
    EXPECT_FALSE(counted.traffic->callerIdIsArrivalTime);
    EXPECT_FALSE(parse({"--caller-ids", "random"}, config, error));
    EXPECT_EQ(error, "pbx-sim: --caller-ids must be 'counter' or 'arrival-time', got 'random'");
}

TEST(PbxSimArgs, CommandLineOptionsOverrideTheConfigFile) {
    std::string path = testing::TempDir() + "pbx-sim-test.conf";
    {
        std::ofstream out(path);
        out << "# demo\nstations = 300-310\nheartbeat_ms=500\nagents=300-301\n";
    }
    PbxSimConfig config;
    std::string error;
    ASSERT_TRUE(parse({"--config", path.c_str(), "--heartbeat-ms", "250"}, config, error)) << error;
    EXPECT_EQ(config.switchConfig.firstStation, "300");
    EXPECT_EQ(config.heartbeatMs, 250);
    EXPECT_EQ(config.agentStations, (std::vector<std::string>{"300", "301"}));
    std::remove(path.c_str());
}

TEST(PbxSimArgs, BadValuesAreErrorsNamingOptionAndValue) {
    PbxSimConfig config;
    std::string error;
    EXPECT_FALSE(parse({"--stations", "abc"}, config, error));
    EXPECT_EQ(error, "pbx-sim: --stations must be FIRST-LAST, got 'abc'");
    EXPECT_FALSE(parse({"--csta-listen", "localhost"}, config, error));
    EXPECT_EQ(error, "pbx-sim: --csta-listen must be HOST:PORT, got 'localhost'");
    EXPECT_FALSE(parse({"--frobnicate", "1"}, config, error));
    EXPECT_EQ(error, "pbx-sim: unknown option 'frobnicate'");
    EXPECT_FALSE(parse({"--config", "/nonexistent/pbx.conf"}, config, error));
    EXPECT_EQ(error, "pbx-sim: cannot read config file '/nonexistent/pbx.conf'");
}

} // namespace
} // namespace acd::tsp
