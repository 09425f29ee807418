// Bad import files: every error names the item and the field.
#include "db/json_config.h"

#include <gtest/gtest.h>

namespace acd::db::test {
namespace {

struct BadFile {
    const char *name;
    std::string json;
    std::string error;
};

std::ostream &operator<<(std::ostream &os, const BadFile &f) {
    return os << f.name;
}

const std::string kBase = R"("skills": [{"id": 1, "name": "english"}],
    "groups": [{"id": 1, "name": "inbound", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da"}])";

std::string withQueue(const std::string &queue) {
    return "{" + kBase + R"(, "queues": [{"id": 9, "name": "a", "group": 1, "skill": 1}, )" + queue
           + "]}";
}

std::string withAgent(const std::string &agent) {
    return "{" + kBase + R"(, "agents": [)" + agent + "]}";
}

class BadImport : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadImport, ReportsAnErrorNamingItemAndField) {
    const BadFile &f = GetParam();
    ConfigParse parsed = parseConfigJson(f.json, 1000);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.errors, std::vector<std::string>{f.error});
}

INSTANTIATE_TEST_SUITE_P(
    ConfigJson, BadImport,
    ::testing::Values(
        BadFile{"UnknownStrategy", withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1,
                              "strategy": "fastest"})"),
                "queues[1] 'sales': field strategy: unknown value 'fastest'"},
        BadFile{"RoutePointToAnUnknownQueue",
                "{" + kBase + R"(, "routePoints": [{"address": "9000", "queue": 77}]})",
                "routePoints[0] '9000': field queue: unknown queue 77"},
        BadFile{"RoutePointPriorityOutOfRange",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1}], "routePoints": [
                              {"address": "9000", "queue": 9, "priority": 11})"),
                "routePoints[0] '9000': field priority: 11 is out of range 1..10"},
        BadFile{"UnknownTimeZone",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1,
                              "timeZone": "Mars/Olympus"})"),
                "queues[1] 's': field timeZone: unknown time zone 'Mars/Olympus' (an IANA name "
                "such as 'Europe/Paris')"},
        BadFile{"UnknownWeekday",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1, "openHours":
                              [{"days": ["mon", "funday"], "from": "08:00", "to": "18:00"}]})"),
                "queues[1] 's': field openHours[0].days[1]: expected mon, tue, wed, thu, fri, sat "
                "or sun, got 'funday'"},
        BadFile{"OpenHoursThatCloseBeforeTheyOpen",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1, "openHours":
                              [{"days": ["mon"], "from": "18:00", "to": "08:00"}]})"),
                "queues[1] 's': field openHours[0].to: must be later than from"},
        BadFile{"AClockTimeOutOfRange",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1, "openHours":
                              [{"days": ["mon"], "from": "08:00", "to": "24:30"}]})"),
                "queues[1] 's': field openHours[0].to: expected a time HH:MM (up to 24:00), got "
                "'24:30'"},
        BadFile{"AHolidayThatIsNoDate",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1,
                              "holidays": ["2026-02-30"]})"),
                "queues[1] 's': field holidays[0]: expected a date YYYY-MM-DD, got '2026-02-30'"},
        BadFile{"AnUnknownClosedQueue",
                withQueue(R"({"id": 10, "name": "s", "group": 1, "skill": 1, "closedQueue": 55})"),
                "queues[1] 's': field closedQueue: unknown queue 55"},
        BadFile{"UnknownGroup", withQueue(R"({"id": 10, "name": "sales", "group": 4, "skill": 1})"),
                "queues[1] 'sales': field group: unknown group 4"},
        BadFile{"UnknownSkill", withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 3})"),
                "queues[1] 'sales': field skill: unknown skill 3"},
        BadFile{"MissingGroup", withQueue(R"({"id": 10, "name": "sales", "skill": 1})"),
                "queues[1] 'sales': field group: missing"},
        BadFile{"TextWhereANumberBelongs",
                withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1,
                              "serviceLevelSeconds": "twenty"})"),
                "queues[1] 'sales': field serviceLevelSeconds: expected an integer, got "
                "'twenty'"},
        BadFile{"LevelOutOfRange", withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1,
                              "minLevel": 17})"),
                "queues[1] 'sales': field minLevel: 17 is out of range 1..16"},
        BadFile{"DuplicateQueueId",
                withQueue(R"({"id": 9, "name": "sales", "group": 1, "skill": 1})"),
                "queues[1] 'sales': field id: duplicate id 9"},
        BadFile{"UnknownOverflowTarget",
                withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1,
                              "overflowQueue": 55})"),
                "queues[1] 'sales': field overflowQueue: unknown queue 55"},
        BadFile{"UnknownRelaxationAction",
                withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1, "relaxation":
                              [{"afterSeconds": 30, "action": "pray", "value": 1}]})"),
                "queues[1] 'sales': field relaxation[0].action: unknown value 'pray'"},
        BadFile{"RelaxationStepsOutOfOrder",
                withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1, "relaxation":
                              [{"afterSeconds": 30, "action": "raise-priority", "value": 1},
                               {"afterSeconds": 10, "action": "raise-priority", "value": 1}]})"),
                "queues[1] 'sales': field relaxation[1].afterSeconds: 10 is earlier than the "
                "step before it (steps are in order)"},
        BadFile{"AddQueueToAnUnknownQueue",
                withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1, "relaxation":
                              [{"afterSeconds": 30, "action": "add-queue", "value": 77}]})"),
                "queues[1] 'sales': field relaxation[0].value: unknown queue 77"},
        BadFile{"MisspelledField", withQueue(R"({"id": 10, "name": "sales", "group": 1, "skill": 1,
                              "stratgy": "random"})"),
                "queues[1] 'sales': unknown field 'stratgy'"},
        BadFile{"AgentWithoutPin", withAgent(R"({"id": 1001, "name": "Alice"})"),
                "agents[0] 'Alice': field pin: missing (give pin or pinHash)"},
        BadFile{"PinWithLetters", withAgent(R"({"id": 1001, "name": "Alice", "pin": "12a4"})"),
                "agents[0] 'Alice': field pin: must be digits"},
        BadFile{"AgentWithUnknownSkill", withAgent(R"({"id": 1001, "name": "Alice", "pin": "1234",
                              "skills": [{"skill": 1, "level": 3}, {"skill": 8, "level": 3}]})"),
                "agents[0] 'Alice': field skills[1].skill: unknown skill 8"},
        BadFile{"AgentSkillLevelOutOfRange",
                withAgent(R"({"id": 1001, "name": "Alice", "pin": "1234",
                              "skills": [{"skill": 1, "level": 0}]})"),
                "agents[0] 'Alice': field skills[0].level: 0 is out of range 1..16"},
        BadFile{"BadGuid", R"({"groups": [{"id": 1, "name": "g", "guid": "not-a-guid"}]})",
                "groups[0] 'g': field guid: not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx): "
                "'not-a-guid'"},
        BadFile{"UnknownRole", R"({"users": [{"name": "eve", "role": "owner", "password": "x"}]})",
                "users[0] 'eve': field role: unknown value 'owner' (agent, supervisor or admin)"},
        BadFile{"ReasonCodeOutOfRange", R"({"reasonCodes": [{"code": 100, "name": "Gym"}]})",
                "reasonCodes[0] 'Gym': field code: 100 is out of range 1..99"},
        BadFile{"NewerFormatVersion", R"({"version": 2})",
                "config: field version: unsupported version 2 (this program reads 1)"},
        BadFile{"NotAnObject", R"([1, 2])", "config: the file must hold one JSON object"}),
    [](const ::testing::TestParamInfo<BadFile> &param) { return std::string(param.param.name); });

TEST(BadImportFile, BrokenJsonIsReportedAsSuch) {
    ConfigParse parsed = parseConfigJson(R"({"skills": [)", 1000);
    ASSERT_EQ(parsed.errors.size(), 1u);
    EXPECT_EQ(parsed.errors[0].rfind("config: not valid JSON: ", 0), 0u) << parsed.errors[0];
}

TEST(BadImportFile, ListsEveryErrorNotJustTheFirst) {
    ConfigParse parsed = parseConfigJson(
        R"({"skills": [{"id": 1}, {"id": "two", "name": "b"}], "colours": []})", 1000);
    EXPECT_EQ(parsed.errors,
              (std::vector<std::string>{"skills[0]: field name: missing",
                                        "skills[1] 'b': field id: expected an integer, got 'two'",
                                        "config: unknown field 'colours'"}));
}

} // namespace
} // namespace acd::db::test
