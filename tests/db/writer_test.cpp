// The batched writer: order, backpressure without loss, failure handling, stop.
#include "db/writer.h"
#include "db_fixture.h"
#include "fake_store.h"

#include <chrono>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

namespace acd::db::test {
namespace {

Effect queued(std::uint64_t seq) {
    return Effect{seq, kT0 + static_cast<TimeMs>(seq), CallQueued{seq, 10, 1, false}};
}

std::vector<std::uint64_t> seqs(std::uint64_t from, std::uint64_t to) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t s = from; s <= to; ++s)
        out.push_back(s);
    return out;
}

TEST(Writer, WritesEverySubmittedEffectInOrder) {
    FakeStore store;
    Writer writer(store);
    for (std::uint64_t s = 1; s <= 1000; ++s)
        EXPECT_EQ(writer.submit(queued(s)), SubmitStatus::Accepted);
    writer.flush();
    EXPECT_EQ(store.written(), seqs(1, 1000));
    const WriterMetrics m = writer.metrics();
    EXPECT_EQ(m.submitted, 1000u);
    EXPECT_EQ(m.written, 1000u);
    EXPECT_EQ(m.failed, 0u);
    EXPECT_EQ(m.queued, 0u);
}

TEST(Writer, RecordsSubmittedWhileItGathersGoInOneTransaction) {
    FakeStore store;
    WriterOptions options;
    options.gatherMs = 60'000; // only flush() ends the gathering here
    Writer writer(store, options);
    for (std::uint64_t s = 1; s <= 10; ++s) // a burst each, as the engine submits them
        writer.submit(queued(s));
    writer.flush();
    EXPECT_EQ(store.written(), seqs(1, 10));
    EXPECT_EQ(writer.metrics().batches, 1u);
}

TEST(Writer, AFullBatchIsWrittenWithoutWaitingForTheGatheringToEnd) {
    FakeStore store;
    WriterOptions options;
    options.gatherMs = 60'000;
    options.maxBatch = 4;
    Writer writer(store, options);
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t s = 1; s <= 4; ++s)
        writer.submit(queued(s));
    store.waitForCalls(1); // without flush(): the fourth record completed the batch
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30)); // not 60 s
    EXPECT_EQ(store.written(), seqs(1, 4));
}

TEST(Writer, LiveStateEffectsAreNotSentToTheStore) {
    FakeStore store;
    Writer writer(store);
    writer.submit(Effect{1, kT0, QueueChanged{10, 1, 0}});
    writer.submit(Effect{2, kT0, OfferCall{1, 10, 1001, 1, "2001"}});
    writer.submit(queued(3));
    writer.flush();
    EXPECT_EQ(store.written(), std::vector<std::uint64_t>{3});
    EXPECT_EQ(writer.metrics().submitted, 1u);
}

TEST(Writer, AFullQueueReportsBacklogAndKeepsEveryRecordInOrder) {
    FakeStore store;
    store.close();
    WriterOptions options;
    options.queueCapacity = 4;
    Writer writer(store, options);
    EXPECT_EQ(writer.submit(queued(1)), SubmitStatus::Accepted);
    store.waitForCalls(1); // the writer holds item 1 inside the store
    for (std::uint64_t s = 2; s <= 5; ++s)
        EXPECT_EQ(writer.submit(queued(s)), SubmitStatus::Accepted) << s;
    EXPECT_EQ(writer.submit(queued(6)), SubmitStatus::Backlog);
    EXPECT_EQ(writer.submit(queued(7)), SubmitStatus::Backlog);
    WriterMetrics m = writer.metrics();
    EXPECT_EQ(m.backlogged, 2u);
    EXPECT_EQ(m.backlogEpisodes, 1u);
    EXPECT_EQ(m.queued, 6u);
    EXPECT_EQ(m.maxQueued, 6u);
    store.open();
    writer.flush();
    EXPECT_EQ(store.written(), seqs(1, 7));
    m = writer.metrics();
    EXPECT_EQ(m.written, 7u);
    EXPECT_EQ(m.queued, 0u);
    EXPECT_EQ(writer.submit(queued(8)), SubmitStatus::Accepted);
}

/// Keeps the text of every message logged to it.
class CaptureChannel : public Poco::Channel {
public:
    void log(const Poco::Message &message) override {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(message.getText());
    }
    std::vector<std::string> lines() {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }

private:
    std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

TEST(Writer, EnteringAndLeavingTheBacklogIsLogged) {
    Poco::AutoPtr<CaptureChannel> channel(new CaptureChannel);
    Poco::Logger &logger = Poco::Logger::get("acd.db.writer");
    logger.setChannel(channel);
    logger.setLevel(Poco::Message::PRIO_INFORMATION);
    {
        FakeStore store;
        store.close();
        WriterOptions options;
        options.queueCapacity = 1;
        Writer writer(store, options);
        writer.submit(queued(1));
        store.waitForCalls(1);
        writer.submit(queued(2));
        EXPECT_EQ(writer.submit(queued(3)), SubmitStatus::Backlog);
        EXPECT_EQ(writer.submit(queued(4)), SubmitStatus::Backlog);
        store.open();
        writer.flush();
    }
    logger.setChannel(nullptr);
    EXPECT_EQ(channel->lines(),
              (std::vector<std::string>{
                  "db writer backlog: queue of 1 items full, keeping further records in the "
                  "overflow buffer until the disk catches up",
                  "db writer backlog cleared: 2 items from the overflow buffer taken for "
                  "writing"}));
}

TEST(Writer, ABatchThatKeepsFailingIsWrittenItemByItemAndOnlyTheBadOneIsLost) {
    FakeStore store;
    store.failEffect(3);
    WriterOptions options;
    options.retryDelayMs = 1;
    options.batchAttempts = 2;
    store.close();
    Writer writer(store, options);
    writer.submit(queued(1));
    store.waitForCalls(1);
    for (std::uint64_t s = 2; s <= 5; ++s)
        writer.submit(queued(s));
    store.open();
    writer.flush();
    EXPECT_EQ(store.written(), (std::vector<std::uint64_t>{1, 2, 4, 5}));
    const WriterMetrics m = writer.metrics();
    EXPECT_EQ(m.written, 4u);
    EXPECT_EQ(m.failed, 1u);
    EXPECT_EQ(m.retries, 2u);
}

TEST(Writer, StoppingWritesWhatIsQueuedAndRefusesLaterSubmits) {
    FakeStore store;
    store.close();
    Writer writer(store);
    writer.submit(queued(1));
    store.waitForCalls(1);
    writer.submit(queued(2));
    store.open();
    writer.stop();
    EXPECT_EQ(store.written(), seqs(1, 2));
    EXPECT_EQ(writer.submit(queued(3)), SubmitStatus::Stopped);
    writer.flush(); // returns at once: nothing is pending
}

TEST(Writer, EffectsReachSqliteThroughTheWriter) {
    TempDir dir;
    auto store = openStore(dir.file("w.db"));
    ASSERT_NE(store, nullptr);
    Writer writer(*store);
    writer.submit(CallInfo{1, "5551234", "8000"});
    writer.submit(queued(1));
    writer.submit(Effect{2, kT0 + 5000,
                         CallCompleted{1, 10, 0, Disposition::Abandoned, kT0 + 1, 4999, 0, 0, 0}});
    writer.flush();
    auto calls = store->calls({0, kT0 + kDay});
    ASSERT_TRUE(calls);
    ASSERT_EQ(calls.value().size(), 1u);
    EXPECT_EQ(calls.value()[0].ani, "5551234");
    EXPECT_EQ(calls.value()[0].disposition, Disposition::Abandoned);
}

} // namespace
} // namespace acd::db::test
