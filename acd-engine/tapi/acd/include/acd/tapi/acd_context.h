#pragma once
// What the engine's built-in ACD parts share: the core, the TAPI server, the clock and the
// administered configuration. Everything here is used on the engine thread only.
//
// The ACD parts are internal line applications of the server (lineInitializeEx with a sink
// that queues; they never act inside a delivery). The host drives them: after every piece of
// work on the engine thread it calls processMessages() on each part and hands them the core's
// effects (onEffects) until nothing is left, so a part never re-enters the server or the core.
#include "acd/tapi/server.h"
#include "core/effects.h"
#include "core/engine.h"
#include "db/config_set.h"

#include <functional>
#include <vector>

namespace acd::tapi {

struct AcdContext {
    core::Engine &engine;
    Server &server;
    const db::ConfigSet &config;
    /// The engine's clock (Unix milliseconds on the real host, virtual in tests).
    std::function<core::TimeMs()> now;
};

/// A part of the ACD that reacts to server messages and core effects.
class AcdPart {
public:
    virtual ~AcdPart() = default;
    /// Handles the messages queued since the last call; true when there were any.
    virtual bool processMessages() = 0;
    /// Reacts to core effects (called with every effect, in order).
    virtual void onEffects(const std::vector<core::Effect> &effects) = 0;
};

/// Queues an internal application's messages for processMessages().
class QueueSink : public MessageSink {
public:
    void deliver(const LINEMESSAGE &message) override { m_pending.push_back(message); }
    std::vector<LINEMESSAGE> take()
    {
        std::vector<LINEMESSAGE> out;
        out.swap(m_pending);
        return out;
    }

private:
    std::vector<LINEMESSAGE> m_pending;
};

} // namespace acd::tapi
