// Business hours: a queue closed by its open hours, holidays and time zone sends arriving
// calls to its closed-queue target or disconnects them. kT0 is Tuesday 2023-11-14 22:30 UTC.
#include "core/calendar.h"
#include "core_fixture.h"

namespace acd::core::test {
namespace {

constexpr QueueId kNightQueue = 500;

/// Fixed offsets, as the shell's tz database would give them.
class FixedZones : public TimeZones {
public:
    std::optional<int> utcOffsetMinutes(const std::string &zone, TimeMs) const override
    {
        if (zone == "Test/Plus9")
            return 540;
        if (zone == "Test/Minus5")
            return -300;
        return std::nullopt;
    }
};

std::vector<OpenHours> weekdays(int open, int close)
{
    std::vector<OpenHours> hours;
    for (int day = 0; day < 5; ++day)
        hours.push_back({day, open, close});
    return hours;
}

TimeMs utc(const std::string &date, int hour, int minute)
{
    return static_cast<TimeMs>(*dayNumber(date)) * 86'400'000 + (hour * 60 + minute) * 60'000;
}

// ---- isQueueOpen -----------------------------------------------------------------------------

TEST(BusinessHours, AQueueWithoutHoursIsAlwaysOpen)
{
    QueueConfig q;
    EXPECT_TRUE(isQueueOpen(q, utc("2026-11-22", 3, 0), nullptr));
}

TEST(BusinessHours, OpenHoursIncludeTheOpeningMinuteAndExcludeTheClosingMinute)
{
    QueueConfig q;
    q.openHours = weekdays(8 * 60, 18 * 60); // Monday to Friday 08:00-18:00
    EXPECT_FALSE(isQueueOpen(q, utc("2026-11-20", 7, 59), nullptr)); // a Friday
    EXPECT_TRUE(isQueueOpen(q, utc("2026-11-20", 8, 0), nullptr));
    EXPECT_TRUE(isQueueOpen(q, utc("2026-11-20", 17, 59), nullptr));
    EXPECT_FALSE(isQueueOpen(q, utc("2026-11-20", 18, 0), nullptr));
}

TEST(BusinessHours, AWeekendDayWithoutHoursIsClosed)
{
    QueueConfig q;
    q.openHours = weekdays(0, 1440);
    EXPECT_FALSE(isQueueOpen(q, utc("2026-11-21", 12, 0), nullptr)); // Saturday
    EXPECT_FALSE(isQueueOpen(q, utc("2026-11-22", 12, 0), nullptr)); // Sunday
    EXPECT_TRUE(isQueueOpen(q, utc("2026-11-23", 0, 0), nullptr));   // Monday
}

TEST(BusinessHours, AHolidayIsClosedAllDayEvenWithoutHours)
{
    QueueConfig q;
    q.holidays = {*dayNumber("2026-12-25")};
    EXPECT_FALSE(isQueueOpen(q, utc("2026-12-25", 0, 0), nullptr));
    EXPECT_FALSE(isQueueOpen(q, utc("2026-12-25", 23, 59), nullptr));
    EXPECT_TRUE(isQueueOpen(q, utc("2026-12-26", 0, 0), nullptr));
}

TEST(BusinessHours, HoursAreReadInTheQueuesTimeZone)
{
    FixedZones zones;
    QueueConfig q;
    q.openHours = weekdays(8 * 60, 18 * 60);
    q.timeZone = "Test/Plus9";
    // 23:00 UTC Thursday is 08:00 Friday in UTC+9.
    EXPECT_TRUE(isQueueOpen(q, utc("2026-11-19", 23, 0), &zones));
    EXPECT_FALSE(isQueueOpen(q, utc("2026-11-19", 22, 59), &zones));
    // 23:00 UTC Friday is Saturday there: closed.
    EXPECT_FALSE(isQueueOpen(q, utc("2026-11-20", 23, 0), &zones));
}

TEST(BusinessHours, AHolidayIsALocalDate)
{
    FixedZones zones;
    QueueConfig q;
    q.timeZone = "Test/Minus5";
    q.holidays = {*dayNumber("2026-12-25")};
    EXPECT_TRUE(isQueueOpen(q, utc("2026-12-25", 4, 59), &zones)); // still the 24th there
    EXPECT_FALSE(isQueueOpen(q, utc("2026-12-25", 5, 0), &zones));
}

TEST(BusinessHours, DatesConvertBothWaysAndInvalidDatesAreRefused)
{
    EXPECT_EQ(dayNumber("1970-01-01"), 0);
    EXPECT_EQ(dayNumber("2026-11-21"), 20778);
    EXPECT_EQ(dateText(20778), "2026-11-21");
    EXPECT_EQ(dateText(*dayNumber("2028-02-29")), "2028-02-29");
    for (const char *bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "20261101",
                            "2026-11-01x", ""})
        EXPECT_EQ(dayNumber(bad), std::nullopt) << bad;
}

// ---- the engine ------------------------------------------------------------------------------

class ClosedQueueTest : public CoreTest {
protected:
    void closeSalesAtNight(QueueId closedQueue)
    {
        QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
        q.openHours = weekdays(8 * 60, 18 * 60);
        q.closedQueue = closedQueue;
        ASSERT_TRUE(engine.updateQueue(q));
    }
};

TEST_F(ClosedQueueTest, ACallArrivingOutsideBusinessHoursGoesToTheClosedQueue)
{
    ASSERT_TRUE(engine.addQueue(queueConfig(kNightQueue, "night", kSales)));
    closeSalesAtNight(kNightQueue);
    staff(1, {{kSales, 5}});
    ASSERT_TRUE(arrive(700)); // Tuesday 22:30 UTC: closed
    const auto flows = all<CallOverflowed>();
    ASSERT_EQ(flows.size(), 1u);
    EXPECT_EQ(flows[0].fromQueue, kSalesQueue);
    EXPECT_EQ(flows[0].toQueue, kNightQueue);
    EXPECT_EQ(flows[0].reason, OverflowReason::Closed);
    EXPECT_EQ(offeredTo(700), 1u); // the night queue routes it
    EXPECT_EQ(queue(kSalesQueue).total.flowedOut, 1u);
    EXPECT_FALSE(queue(kSalesQueue).open);
    EXPECT_TRUE(queue(kNightQueue).open);
}

TEST_F(ClosedQueueTest, WithoutAClosedQueueTheCallIsDisconnectedWithReasonClosed)
{
    closeSalesAtNight(0);
    staff(1, {{kSales, 5}});
    ASSERT_TRUE(arrive(700));
    ASSERT_EQ(all<DisconnectCall>().size(), 1u);
    EXPECT_EQ(all<DisconnectCall>()[0].reason, OverflowReason::Closed);
    EXPECT_EQ(all<CallCompleted>().at(0).disposition, Disposition::OverflowDisconnected);
    EXPECT_EQ(offeredTo(700), 0u);
}

TEST_F(ClosedQueueTest, OnceTheQueueOpensCallsAreRoutedNormally)
{
    closeSalesAtNight(0);
    staff(1, {{kSales, 5}});
    at(9.5 * 3600); // Wednesday 08:00 UTC
    ASSERT_TRUE(arrive(701));
    EXPECT_TRUE(all<CallOverflowed>().empty());
    EXPECT_EQ(offeredTo(701), 1u);
    EXPECT_TRUE(queue(kSalesQueue).open);
}

TEST_F(ClosedQueueTest, TheEngineReadsHoursWithTheTimeZonesItWasGiven)
{
    FixedZones zones;
    engine.setTimeZones(&zones);
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.openHours = weekdays(8 * 60, 18 * 60);
    q.timeZone = "Test/Plus9"; // kT0 is Wednesday 07:30 there
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1, {{kSales, 5}});
    EXPECT_FALSE(queue(kSalesQueue).open);
    at(1800); // 08:00 there
    ASSERT_TRUE(arrive(702));
    EXPECT_EQ(offeredTo(702), 1u);
}

TEST_F(ClosedQueueTest, InvalidHoursAreRefusedNamingTheField)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.openHours = {{7, 0, 60}};
    Status s = engine.updateQueue(q);
    EXPECT_FALSE(s);
    EXPECT_NE(s.message().find("field openHours[0]: weekday must be 0 (Monday) to 6, got 7"),
              std::string::npos)
        << s.message();
    q.openHours = {{0, 600, 600}};
    s = engine.updateQueue(q);
    EXPECT_NE(s.message().find("field openHours[0]: must open before it closes"),
              std::string::npos)
        << s.message();
    q.openHours = {};
    q.closedQueue = kSalesQueue;
    EXPECT_NE(engine.updateQueue(q).message().find("field closedQueue must not be the queue"),
              std::string::npos);
}

TEST_F(ClosedQueueTest, AnUnknownClosedQueueIsAReferenceError)
{
    closeSalesAtNight(999);
    Status s = engine.validateReferences();
    EXPECT_FALSE(s);
    EXPECT_NE(s.message().find("field closedQueue: unknown queue 999"), std::string::npos);
}

} // namespace
} // namespace acd::core::test
