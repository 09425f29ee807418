#pragma once
// The ACD core's invariants as seen through its public API, checked after every input by both
// the randomised property test (invariant_test.cpp) and the libFuzzer target (core_fuzz.cpp):
// - effect sequence numbers have no gaps; a call is completed at most once, and only one
//   that was accepted;
// - every accepted call is findable until its completion;
// - each queue's totals balance: offered = answered + abandoned + flowed out + disconnected +
//   waiting + ringing;
// - a ringing or connected call names an agent whose current call it is;
// - the routing invariant, for calls whose queue has no time-based rules and that asked for
//   nothing beyond the queue's skill: no such call waits while an agent who qualifies is
//   Available with a Ready session in the queue's group.
// Each check returns the first violation found, described, or an empty string.
#include "core/engine.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace acd::core::invariants {

struct LiveCall {
    bool beyondQueueSkill = false; ///< an own skill or extra skills: the routing check skips it
};

/// What the checks remember between inputs, and the configuration they compare against (as
/// configured now: a caller that changes or removes a queue or agent updates these maps).
struct Ledger {
    std::map<QueueId, QueueConfig> queues;
    std::map<AgentId, AgentConfig> agents;
    std::map<CallId, LiveCall> live; ///< accepted and not yet completed
    std::map<CallId, int> completed;
    std::uint64_t lastSeq = 0;
};

/// Takes the engine's new effects and checks their numbering and the calls they complete.
std::string checkEffects(Engine &engine, Ledger &ledger);
/// Every configured queue exists and its totals balance.
std::string checkQueuesBalance(const Engine &engine, const Ledger &ledger);
/// Every live call is findable, is at the agent it names, or has no qualified idle agent.
std::string checkLiveCalls(const Engine &engine, const Ledger &ledger);
/// All three, in that order.
std::string checkAll(Engine &engine, Ledger &ledger);

} // namespace acd::core::invariants
