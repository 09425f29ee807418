// The event stream's JSON writer: exact text for plain values, escaped text that parses back
// to what was written.
#include "flat_json.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace acd::server::test {
namespace {

TEST(FlatJson, NumbersBooleansAndPlainTextAreWrittenInOrder)
{
    FlatJson o;
    o.field("call", std::uint64_t{42});
    o.field("waitMs", std::int64_t{-7});
    o.field("flowedIn", false);
    o.field("state", "ready");
    EXPECT_EQ(o.finish(), R"({"call":42,"waitMs":-7,"flowedIn":false,"state":"ready"})");
}

TEST(FlatJson, AnEmptyObjectIsTwoBraces)
{
    EXPECT_EQ(FlatJson().finish(), "{}");
}

TEST(FlatJson, TheLargestNumbersKeepEveryDigit)
{
    FlatJson o;
    o.field("max", std::numeric_limits<std::uint64_t>::max());
    o.field("min", std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(o.finish(), R"({"max":18446744073709551615,"min":-9223372036854775808})");
}

TEST(FlatJson, QuotesBackslashesControlAndNonAsciiCharactersParseBackUnchanged)
{
    const std::string nasty = "say \"hi\" \\ \n\t\x01 Zo\xC3\xAB </script>";
    FlatJson o;
    o.field("forcedBy", nasty);
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(o.finish()).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(parsed->getValue<std::string>("forcedBy"), nasty);
}

TEST(FlatJson, AnArrayOfNumbersIsWrittenInOrder)
{
    FlatJson o;
    o.field("hApp", 3u);
    o.numbers("msg", {7, 0, 18446744073709551615ull});
    o.numbers("none", {});
    EXPECT_EQ(o.finish(), R"({"hApp":3,"msg":[7,0,18446744073709551615],"none":[]})");
}

TEST(FlatJson, AValueThatIsJsonAlreadyIsWrittenAsIs)
{
    FlatJson o;
    o.field("start", 1);
    o.json("queues", R"([{"queue":10}])");
    EXPECT_EQ(o.finish(), R"({"start":1,"queues":[{"queue":10}]})");
}

} // namespace
} // namespace acd::server::test
