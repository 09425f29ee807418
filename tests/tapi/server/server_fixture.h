#pragma once
// A TAPI server over the real sim provider, with the test thread as the engine thread:
// provider callbacks post into a queue that pump() drains (bounded waits, no sleeps).
#include "acd/tapi/server.h"
#include "acd/tsp/provider_loader.h"
#include "recording_sink.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace acd::tapi::test {

class ServerFixture : public ::testing::Test {
protected:
    static constexpr ClientId kClient = 1;
    static constexpr ClientId kOtherClient = 2;

    void SetUp() override;
    void TearDown() override;

    /// Runs posted work until `done` holds (true) or 5 s pass (false).
    bool pumpUntil(const std::function<bool()> &done, int timeoutMs = 5000);
    /// Runs posted work until the request got its LINE_REPLY; returns the result.
    LONG waitReply(RecordingSink &sink, LONG requestId);
    void pump(); ///< runs what is queued now

    struct AppUnderTest {
        HLINEAPP handle = 0;
        std::shared_ptr<RecordingSink> sink = std::make_shared<RecordingSink>();
    };
    AppUnderTest initApp(ClientId client = kClient, const char *name = "test");
    /// Negotiates 2.2 and opens the device of `address` with `privileges`.
    HLINE open(const AppUnderTest &app, const std::string &address, DWORD privileges,
               ClientId client = kClient, const LINECALLPARAMS *params = nullptr);
    DWORD device(const std::string &address) const { return server->deviceByAddress(address); }
    /// The last LINE_CALLSTATE dwParam1 seen for hCall.
    DWORD lastState(const RecordingSink &sink, HCALL hCall) const;
    bool waitState(const RecordingSink &sink, HCALL hCall, DWORD state);
    /// The hCall of the index-th LINE_APPNEWCALL on a sink (0 when none).
    HCALL newCall(const RecordingSink &sink, std::size_t index = 0) const;

    std::unique_ptr<tsp::ProviderLoader> loader;
    std::unique_ptr<Server> server;

private:
    std::mutex m_mutex;
    std::condition_variable m_posted;
    std::deque<std::function<void()>> m_queue;
};

} // namespace acd::tapi::test
