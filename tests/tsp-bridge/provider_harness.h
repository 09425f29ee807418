#pragma once

// Drives a provider library through the ProviderLoader exactly as the engine will: assigns
// TAPI-side handles, records every LINEEVENT and ASYNC_COMPLETION, and waits for conditions
// with a bounded timeout (immediate for the sim provider, loopback TCP for csta).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "acd/tsp/provider_loader.h"

namespace acd::tsp::test {

struct Recorded {
    std::string dn;   ///< the line
    uintptr_t htCall; ///< 0 for line events
    DWORD msg;
    DWORD_PTR p1;
    DWORD_PTR p2;
};

class ProviderHarness {
public:
    ProviderHarness();
    ~ProviderHarness();

    bool load(const std::string &path, const std::string &config, std::string &error);
    void unload();
    ProviderLoader &loader() { return *m_loader; }
    const LoadedProvider &provider() const { return *m_loader->providers().front(); }
    const TspiFunctions &tspi() const { return provider().tspi; }

    /// Opens the line of `dn`; false when the provider has no such line or refuses.
    bool openLine(const std::string &dn);
    void closeLine(const std::string &dn);
    HDRVLINE hdLine(const std::string &dn) const;
    DWORD deviceId(const std::string &dn) const;

    // Async helpers: return the request ID (or the negative error).
    LONG makeCall(const std::string &from, const std::string &to, uintptr_t &htCall);
    LONG answer(uintptr_t htCall);
    LONG drop(uintptr_t htCall);
    LONG hold(uintptr_t htCall);
    LONG unhold(uintptr_t htCall);
    LONG blindTransfer(uintptr_t htCall, const std::string &to);
    LONG setupTransfer(uintptr_t htCall, uintptr_t &htConsult);
    LONG dial(uintptr_t htCall, const std::string &to);
    LONG completeTransfer(uintptr_t htCall, uintptr_t htConsult, DWORD mode, uintptr_t &htConf);
    LONG redirect(uintptr_t htCall, const std::string &to);
    LONG devSpecific(const std::string &dn, TSPIAGENTREQUEST &request);
    DRV_REQUESTID nextRequestId();

    HDRVCALL hdCall(uintptr_t htCall) const;

    /// The result of an async request: the synchronous error when requestId <= 0, 1 when it
    /// did not complete in time, else its (first) completion. Exactly-once is checked with
    /// duplicateCompletions().
    LONG completed(LONG requestId, int timeoutMs = 5000);
    /// The index-th call announced on the line (waits for it); 0 when none came.
    uintptr_t waitNewCall(const std::string &dn, size_t index = 0, int timeoutMs = 5000);

    // Waiting (bounded): true when the condition held in time.
    bool waitFor(const std::function<bool()> &condition, int timeoutMs = 5000);
    bool waitCompleted(LONG requestId, int timeoutMs = 5000);
    /// Waits for the last LINE_CALLSTATE of the call to be `state`.
    bool waitState(uintptr_t htCall, DWORD state, int timeoutMs = 5000);
    /// Waits for `count` LINE_CALLINFO messages on the call.
    bool waitCallInfo(uintptr_t htCall, size_t count = 1, int timeoutMs = 5000);
    bool waitLineEvent(const std::string &dn, DWORD msg, DWORD_PTR p1, int timeoutMs = 5000);

    // What happened.
    /// LONG results of a request ID, in arrival order (exactly one expected).
    std::vector<LONG> completions(LONG requestId) const;
    /// LINE_CALLSTATE dwParam1 values of a call.
    std::vector<DWORD> states(uintptr_t htCall) const;
    /// The calls announced with LINE_NEWCALL on a line, in order.
    std::vector<uintptr_t> newCalls(const std::string &dn) const;
    /// LINE_LINEDEVSTATE / LINE_DEVSPECIFIC dwParam1 values of a line.
    std::vector<DWORD_PTR> lineEvents(const std::string &dn, DWORD msg) const;
    std::vector<Recorded> events() const;
    /// Request IDs completed more than once (must stay empty).
    std::vector<DRV_REQUESTID> duplicateCompletions() const;
    DWORD lastMode(uintptr_t htCall) const;

private:
    static void CALLBACK onCompletion(DRV_REQUESTID id, LONG result);
    static void CALLBACK onLineEvent(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1,
                                     DWORD_PTR p2, DWORD_PTR p3);
    void record(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2);

    std::unique_ptr<ProviderLoader> m_loader;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::string, HDRVLINE> m_lines;
    std::map<uintptr_t, std::string> m_lineByHt;
    std::map<uintptr_t, HDRVCALL> m_calls;
    std::map<LONG, std::vector<LONG>> m_completions;
    std::vector<Recorded> m_events;
    uintptr_t m_nextHt = 1000;
    DRV_REQUESTID m_nextRequest = 1;
};

} // namespace acd::tsp::test
