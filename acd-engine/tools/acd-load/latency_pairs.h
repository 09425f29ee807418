#pragma once
// Pairs the start and the end of a call's measured span into latency samples. The start and
// the end come from different clients (a supervisor sees the call arrive, the agent sees it
// ring), which acd-load reads on different threads, so every member takes a lock.
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace acd::load {

class LatencyPairs {
public:
    /// Whichever of start and end is seen first waits for the other.
    void start(std::uint64_t call, double atMs);
    void end(std::uint64_t call, double atMs);
    /// Forgets the call (it ended); an end seen later is not paired. Called by the client that
    /// reports starts, after the call's start: an unpaired end left then never gets one.
    void forget(std::uint64_t call);
    /// Starts a measuring window: drops the samples so far and the ends seen so far (a call
    /// whose end came before the window is not one of its samples); starts still open are
    /// kept, and paired with ends that come in the window.
    void clearSamples();
    /// Ends seen whose start has not come yet (a supervisor stream lagging behind the agents).
    std::size_t endsAwaitingStart() const;
    /// The samples in ms, in the order they were paired.
    std::vector<double> samples() const;
    /// When each sample's span ended (ms since the epoch), in the order of samples().
    std::vector<double> endedAt() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::uint64_t, double> m_starts;
    std::map<std::uint64_t, double> m_endsFirst;
    std::vector<double> m_samples;
    std::vector<double> m_endedAt;
};

/// The spans acd-load measures, shared by its agent and supervisor clients.
struct Latencies {
    /// The switch's arrival of a call (its caller ID is the arrival time, pbx-sim
    /// --caller-ids arrival-time) -> LINE_CALLSTATE OFFERING at the agent's station line.
    LatencyPairs switchToLineOffering;
    /// The call's arrival in the engine (call.queued `at`) -> the agent's call.offered event.
    LatencyPairs engineToOfferEvent;

    /// After the warm-up: both keep their open starts and drop their samples and early ends.
    void clearSamples()
    {
        switchToLineOffering.clearSamples();
        engineToOfferEvent.clearSamples();
    }
    /// Ends of either span still waiting for their start.
    std::size_t endsAwaitingStart() const
    {
        return switchToLineOffering.endsAwaitingStart() + engineToOfferEvent.endsAwaitingStart();
    }
};

} // namespace acd::load
