// Scenario files: bad input gets an error naming file, item and field.
#include "sim/scenario.h"

#include <gtest/gtest.h>

namespace acd::sim {
namespace {

std::string parseError(const std::string &json)
{
    Scenario s;
    std::string error;
    EXPECT_FALSE(parseScenario(json, "demo.json", s, error));
    return error;
}

TEST(ScenarioTest, ValidScenarioIsRead)
{
    Scenario s;
    std::string error;
    ASSERT_TRUE(parseScenario(R"({"calls": 500, "skills": [{"id": 1}], "groups": [{"id": 1}],
        "queues": [{"id": 5, "group": 1, "skill": 1, "arrivalRate": 0.5, "strategy": "random",
                    "relaxation": [{"afterSeconds": 10, "action": "raise-priority", "value": 2}]}],
        "agents": [{"count": 3, "group": 1, "skills": [{"skill": 1, "level": 7}]}]})",
                              "demo.json", s, error))
        << error;
    EXPECT_EQ(s.calls, 500u);
    EXPECT_EQ(s.warmupCalls, 50u);
    ASSERT_EQ(s.queues.size(), 1u);
    EXPECT_EQ(s.queues[0].strategy, core::Strategy::Random);
    EXPECT_EQ(s.queues[0].relaxation.at(0).action, core::RelaxAction::RaisePriority);
    EXPECT_DOUBLE_EQ(s.traffic[0].arrivalRate, 0.5);
    EXPECT_EQ(s.agents.at(0).skills.at(0).level, 7);
}

TEST(ScenarioTest, MalformedJsonIsReportedWithTheFileName)
{
    EXPECT_EQ(parseError("{\"calls\": ").rfind("demo.json: not valid JSON", 0), 0u);
}

TEST(ScenarioTest, UnknownStrategyNamesTheQueueAndField)
{
    EXPECT_EQ(parseError(R"({"queues": [{"id": 1, "strategy": "fastest"}]})"),
              "demo.json: queues[0]: field strategy: unknown value 'fastest'");
}

TEST(ScenarioTest, OutOfRangeLevelNamesTheNestedField)
{
    EXPECT_EQ(parseError(R"({"queues": [{"id": 1}],
                             "agents": [{"group": 1, "skills": [{"skill": 1, "level": 17}]}]})"),
              "demo.json: agents[0].skills[0]: field level must be between 1 and 16, got 17");
}

TEST(ScenarioTest, WrongTypeIsReported)
{
    EXPECT_EQ(parseError(R"({"queues": [{"id": 1, "arrivalRate": "fast"}]})"),
              "demo.json: queues[0]: field arrivalRate must be a number");
}

TEST(ScenarioTest, ScenarioWithoutQueuesIsRejected)
{
    EXPECT_EQ(parseError("{}"), "demo.json: scenario: field queues: at least one queue is needed");
}

TEST(ScenarioTest, MissingFileIsReported)
{
    Scenario s;
    std::string error;
    EXPECT_FALSE(loadScenario("/nonexistent/x.json", s, error));
    EXPECT_EQ(error, "/nonexistent/x.json: cannot open the scenario file");
}

} // namespace
} // namespace acd::sim
