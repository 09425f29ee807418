// The csta link's segmented snapshots, against a scripted switch on loopback: a SnapshotDevice
// answered with a serviceCrossRefID completes once, when the segment flagged last arrives,
// with every entry in order; a segment out of order, segments that stop coming and a link
// that drops midway each fail it exactly once; a segment nobody asked for is ignored.
#include "csta_link.h"

#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace acd::tsp {
namespace {

using Frames = std::vector<std::string>; // CSTA XML messages, framed on sending

/// A switch on a loopback port that registers the link and answers each SnapshotDevice
/// with what the script returns for its invokeID (the frames are sent in one write).
/// closeAfterAnswer drops the connection right after the answer.
class ScriptedSwitch {
public:
    using Script = std::function<std::vector<std::pair<int, std::string>>(int invokeId)>;

    explicit ScriptedSwitch(Script script, bool closeAfterAnswer = false)
        : m_script(std::move(script))
        , m_closeAfterAnswer(closeAfterAnswer)
        , m_listener(Poco::Net::SocketAddress("127.0.0.1", 0))
    {
        m_thread = std::thread([this] { serve(); });
    }
    ~ScriptedSwitch()
    {
        m_stop = true;
        m_thread.join();
    }
    int port() const { return m_listener.address().port(); }

private:
    void serve()
    {
        while (!m_stop) {
            if (!m_listener.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ))
                continue;
            Poco::Net::StreamSocket client = m_listener.acceptConnection();
            talk(client);
            client.close();
        }
    }

    void talk(Poco::Net::StreamSocket &client)
    {
        CstaFrameReader reader;
        char buffer[4096];
        while (!m_stop) {
            if (!client.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ))
                continue;
            const int n = client.receiveBytes(buffer, sizeof buffer);
            if (n <= 0)
                return;
            reader.feed(buffer, static_cast<size_t>(n));
            CstaFrame frame;
            std::string error;
            while (reader.next(frame, error) == CstaFrameReader::Status::Frame) {
                CstaMessage message;
                if (!decodeCstaMessage(frame.xml, message, error))
                    continue;
                std::string out;
                if (message.type == CstaMessageType::SystemRegister) {
                    out = encodeCstaFrame(frame.invokeId, encodeSystemRegisterResponse("1"));
                } else if (message.type == CstaMessageType::Request) {
                    for (const auto &[invokeId, xml] : m_script(frame.invokeId))
                        out += encodeCstaFrame(invokeId, xml);
                }
                client.sendBytes(out.data(), static_cast<int>(out.size()));
                if (m_closeAfterAnswer && message.type == CstaMessageType::Request)
                    return;
            }
        }
    }

    Script m_script;
    bool m_closeAfterAnswer;
    Poco::Net::ServerSocket m_listener;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

class QuietListener : public LinkListener {
public:
    void onSwitchEvent(const SwitchEvent &) override {}
    void onLinkUp() override {}
    void onLinkDown(const std::string &) override {}
};

/// Every completion of the requests sent through it.
class Completions {
public:
    SwitchLink::Done sink()
    {
        return [this](const SwitchResult &r) {
            std::lock_guard lock(m_mutex);
            m_results.push_back(r);
            m_changed.notify_all();
        };
    }
    /// Waits (at most 5 s) for `count` completions, then `settleMs` more for any extra one.
    std::vector<SwitchResult> wait(size_t count, int settleMs = 300)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::seconds(5),
                           [&] { return m_results.size() >= count; });
        m_changed.wait_for(lock, std::chrono::milliseconds(settleMs),
                           [&] { return m_results.size() > count; });
        return m_results;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<SwitchResult> m_results;
};

std::string segment(const std::string &ref, int id, bool last, std::vector<SnapshotEntry> entries)
{
    SnapshotSegment s;
    s.serviceCrossRefId = ref;
    s.segmentId = id;
    s.lastSegment = last;
    s.entries = std::move(entries);
    return encodeSnapshotDeviceData(s);
}

std::string segmentedResponse(const std::string &ref)
{
    SwitchResult r;
    r.serviceCrossRefId = ref;
    return encodeCstaResponse(RequestKind::SnapshotDevice, r);
}

class CstaLinkSnapshot : public ::testing::Test {
protected:
    void start(ScriptedSwitch &sw)
    {
        CstaLinkConfig config;
        config.port = sw.port();
        config.heartbeatMs = 0;
        config.requestTimeoutMs = 200;
        config.reconnectMinMs = 5000; // one connection per test
        m_link = std::make_unique<CstaLink>(config);
        m_link->start(m_listener);
        ASSERT_TRUE(m_link->isUp());
    }
    void TearDown() override
    {
        if (m_link)
            m_link->stop();
    }
    void snapshot(const std::string &device)
    {
        SwitchRequest r;
        r.kind = RequestKind::SnapshotDevice;
        r.device = device;
        m_link->send(r, m_done.sink());
    }

    QuietListener m_listener;
    std::unique_ptr<CstaLink> m_link;
    Completions m_done;
};

const SnapshotEntry kFirst{"0001", ConnState::Alerting};
const SnapshotEntry kSecond{"0002", ConnState::Connected};
const SnapshotEntry kThird{"0003", ConnState::Hold};

TEST_F(CstaLinkSnapshot, SegmentsInOrderCompleteItOnceWithEveryEntryInOrder)
{
    ScriptedSwitch sw([](int invokeId) {
        return std::vector<std::pair<int, std::string>>{
            {invokeId, segmentedResponse("s1")},
            {kCstaEventInvokeId, segment("s1", 1, false, {kFirst, kSecond})},
            {kCstaEventInvokeId, segment("s1", 2, true, {kThird})}};
    });
    start(sw);
    snapshot("9000");
    const auto results = m_done.wait(1);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].error, CstaError::None);
    EXPECT_EQ(results[0].snapshot, (std::vector<SnapshotEntry>{kFirst, kSecond, kThird}));
}

TEST_F(CstaLinkSnapshot, ASegmentOutOfOrderFailsItOnceAndTheLinkStaysUp)
{
    ScriptedSwitch sw([](int invokeId) {
        return std::vector<std::pair<int, std::string>>{
            {invokeId, segmentedResponse("s1")},
            {kCstaEventInvokeId, segment("s1", 1, false, {kFirst})},
            {kCstaEventInvokeId, segment("s1", 3, false, {kSecond})},
            {kCstaEventInvokeId, segment("s1", 4, true, {kThird})}};
    });
    start(sw);
    snapshot("9000");
    const auto results = m_done.wait(1);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].error, CstaError::Unspecified);
    EXPECT_TRUE(results[0].snapshot.empty());
    EXPECT_TRUE(m_link->isUp());
}

TEST_F(CstaLinkSnapshot, SegmentsThatStopComingTimeItOutOnce)
{
    ScriptedSwitch sw([](int invokeId) {
        return std::vector<std::pair<int, std::string>>{
            {invokeId, segmentedResponse("s1")},
            {kCstaEventInvokeId, segment("s1", 1, false, {kFirst})}};
    });
    start(sw);
    const auto sent = std::chrono::steady_clock::now();
    snapshot("9000");
    const auto results = m_done.wait(1);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].error, CstaError::Timeout);
    EXPECT_GE(std::chrono::steady_clock::now() - sent, std::chrono::milliseconds(200));
}

TEST_F(CstaLinkSnapshot, TheLinkDroppingMidwayFailsItOnceWithLinkDown)
{
    ScriptedSwitch sw(
        [](int invokeId) {
            return std::vector<std::pair<int, std::string>>{
                {invokeId, segmentedResponse("s1")},
                {kCstaEventInvokeId, segment("s1", 1, false, {kFirst})}};
        },
        true);
    start(sw);
    snapshot("9000");
    const auto results = m_done.wait(1);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].error, CstaError::LinkDown);
}

TEST_F(CstaLinkSnapshot, ASegmentNobodyAskedForIsIgnored)
{
    ScriptedSwitch sw([](int invokeId) {
        SwitchResult inline_;
        inline_.snapshot = {kFirst};
        return std::vector<std::pair<int, std::string>>{
            {kCstaEventInvokeId, segment("stray", 1, true, {kSecond})},
            {invokeId, encodeCstaResponse(RequestKind::SnapshotDevice, inline_)}};
    });
    start(sw);
    snapshot("9000");
    const auto results = m_done.wait(1);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].error, CstaError::None);
    EXPECT_EQ(results[0].snapshot, (std::vector<SnapshotEntry>{kFirst}));
    EXPECT_TRUE(m_link->isUp());
}

} // namespace
} // namespace acd::tsp
