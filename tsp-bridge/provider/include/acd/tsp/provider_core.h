#pragma once

// The provider core: everything a TSPI line provider does that does not depend on the
// switch protocol. It owns the line and call tables, validates TSPI calls, turns them into
// SwitchRequests, completes every accepted request ID exactly once, and maps SwitchEvents
// onto LINE_NEWCALL / LINE_CALLSTATE / LINE_LINEDEVSTATE / LINE_DEVSPECIFIC. The sim and
// csta providers are this core plus a SwitchLink.
//
// Threading: every public function may be called from any thread. Engine callbacks
// (ASYNC_COMPLETION, LINEEVENT) are made without the core's lock held, in the order the
// core produced them, so the engine may call back into the core from inside them.
//
// Mapping rules (docs/tsp-bridge.md has the full table): a call's TAPI state follows the
// events of its line's own monitor, using the event type, the subject device and the local
// connection state. Events that arrive while a request creating a call on that line is
// outstanding are held back and replayed after its completion, so no event ever precedes
// the ASYNC_COMPLETION of the request that created the call.

#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "acd/tsp/switch_link.h"
#include "tspi.h"

namespace acd::tsp {

struct LineConfig {
    std::string dn;
    bool routePoint = false;
};

struct ProviderConfig {
    std::string providerName = "ACD suite provider";
    std::string switchName = "switch";
    std::vector<LineConfig> lines;
    /// How long TSPI_lineOpen waits for MonitorStart and the first snapshot.
    int openTimeoutMs = 3000;
};

/// Parses the line list of a provider configuration: "stations=100-105,200;
/// routepoints=9000-9001". Returns false and names the bad entry in `error`.
bool parseLineList(const std::string &stations, const std::string &routePoints,
                   std::vector<LineConfig> &out, std::string &error);

/// Splits "key=value;key=value" (whitespace around keys and values is dropped).
std::map<std::string, std::string> parseConfigString(const std::string &config);

class ProviderCore : public LinkListener {
public:
    ProviderCore(ProviderConfig config, std::unique_ptr<SwitchLink> link);
    ~ProviderCore() override;

    // ---- provider ----------------------------------------------------------------------
    LONG enumDevices(LPDWORD lpdwNumLines, LPDWORD lpdwNumPhones);
    LONG init(DWORD dwTSPIVersion, DWORD dwPermanentProviderID, DWORD dwLineDeviceIDBase,
              ASYNC_COMPLETION lpfnCompletionProc, LPDWORD lpdwTSPIOptions);
    LONG shutdown();
    LONG negotiateVersion(DWORD dwDeviceID, DWORD dwLowVersion, DWORD dwHighVersion,
                          LPDWORD lpdwTSPIVersion);

    // ---- line --------------------------------------------------------------------------
    LONG getDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, LPLINEDEVCAPS caps);
    LONG getAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD dwTSPIVersion,
                        LPLINEADDRESSCAPS caps);
    LONG getAddressStatus(HDRVLINE hdLine, DWORD dwAddressID, LPLINEADDRESSSTATUS status);
    LONG getNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs);
    LONG open(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine, DWORD dwTSPIVersion,
              LINEEVENT lpfnEventProc);
    LONG close(HDRVLINE hdLine);

    // ---- calls (one source file per operation under src/ops) ---------------------------
    LONG getCallInfo(HDRVCALL hdCall, LPLINECALLINFO info);
    LONG getCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS status);
    LONG makeCall(DRV_REQUESTID id, HDRVLINE hdLine, HTAPICALL htCall, LPHDRVCALL lphdCall,
                  LPCSTR dest);
    LONG dial(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest);
    LONG answer(DRV_REQUESTID id, HDRVCALL hdCall);
    LONG drop(DRV_REQUESTID id, HDRVCALL hdCall);
    LONG hold(DRV_REQUESTID id, HDRVCALL hdCall);
    LONG unhold(DRV_REQUESTID id, HDRVCALL hdCall);
    LONG blindTransfer(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest);
    LONG setupTransfer(DRV_REQUESTID id, HDRVCALL hdCall, HTAPICALL htConsultCall,
                       LPHDRVCALL lphdConsultCall);
    LONG completeTransfer(DRV_REQUESTID id, HDRVCALL hdCall, HDRVCALL hdConsultCall,
                          HTAPICALL htConfCall, LPHDRVCALL lphdConfCall, DWORD dwTransferMode);
    LONG redirect(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest);
    LONG devSpecific(DRV_REQUESTID id, HDRVLINE hdLine, DWORD dwAddressID, HDRVCALL hdCall,
                     LPVOID lpParams, DWORD dwSize);
    LONG closeCall(HDRVCALL hdCall);

    // ---- LinkListener ------------------------------------------------------------------
    void onSwitchEvent(const SwitchEvent &event) override;
    void onLinkUp() override;
    void onLinkDown(const std::string &reason) override;

    /// Completions that arrived for an unknown or already completed request ID (always 0
    /// unless something is broken; tests assert it).
    uint64_t strayCompletions() const;

private:
    struct Line {
        DWORD index = 0;
        LineConfig config;
        bool open = false;
        HTAPILINE htLine = nullptr;
        LINEEVENT eventProc = nullptr;
        bool monitored = false;
        bool inService = false;
        int pendingCreates = 0;
        std::vector<SwitchEvent> heldEvents;
        std::map<std::string, uintptr_t> callsById; ///< live calls bound to a switch call
    };
    struct Call {
        uintptr_t id = 0;
        DWORD line = 0;
        HTAPICALL htCall = nullptr;
        std::string callId; ///< empty until bound to a switch call
        DWORD state = 0;
        DWORD_PTR mode = 0;
        bool dead = false; ///< the engine refused it (NULL htCall) or its creation failed
        bool dropPending = false;
        bool transferSetup = false; ///< original call of a pending transfer/conference
        uintptr_t consultOf = 0;    ///< consultation call: the original call
        uintptr_t consultCall = 0;  ///< original call: its consultation call
        uintptr_t confParent = 0;   ///< conferenced child: the conference call
        std::vector<uintptr_t> confChildren;
        DWORD origin = LINECALLORIGIN_UNKNOWN;
        DWORD reason = LINECALLREASON_UNKNOWN;
        std::string callerId;
        std::string calledId;
    };
    using OnResult = std::function<void(const SwitchResult &)>;

    // Lookups (m_mutex held).
    Line *lineFor(HDRVLINE hdLine);
    Line *lineForDn(const std::string &dn);
    Call *callFor(HDRVCALL hdCall);
    Call *callById(uintptr_t id);
    Call &newCall(Line &line, HTAPICALL htCall);
    void bind(Call &call, const std::string &callId);

    // Engine notifications, queued in order (m_mutex held) and delivered by flush().
    void setState(Call &call, DWORD state, DWORD_PTR mode = 0);
    void announce(Call &call);
    /// LINE_CALLINFO with the LINECALLINFOSTATE_ bits that changed.
    void callInfoChanged(Call &call, DWORD bits);
    void toIdle(Call &call);
    void lineDevState(Line &line, DWORD state);
    void devSpecificEvent(Line &line, DWORD_PTR p1, DWORD_PTR p2);
    /// Queues one LINEEVENT for a call; handles are read when it is delivered (the engine
    /// names a LINE_NEWCALL call in the meantime). With `p2IsCall`, p2 is a call ID whose
    /// HTAPICALL is passed (LINECALLSTATE_CONFERENCED).
    void queueCallEvent(uintptr_t callId, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                        bool p2IsCall = false);
    void queueLineEvent(DWORD lineIndex, DWORD msg, DWORD_PTR p1, DWORD_PTR p2);
    void complete(DRV_REQUESTID id, LONG result);
    void flush();

    /// Registers `id`, sends `request` (without m_mutex) and completes `id` exactly once
    /// with the result. `onResult` runs under m_mutex before the completion is queued.
    /// When `createsOnLine` is set, events of that line are held until completion.
    LONG submit(DRV_REQUESTID id, const SwitchRequest &request, OnResult onResult,
                Line *createsOnLine = nullptr);
    void releaseHeldEvents(Line &line);
    /// The shape most call operations share: the call must exist and be in one of
    /// `states`; the request names this line's connection to it, plus `dest` for the
    /// operations that need a destination (validated as a dial string first).
    LONG callRequest(DRV_REQUESTID id, HDRVCALL hdCall, RequestKind kind,
                     std::initializer_list<DWORD> states, LPCSTR dest = nullptr);

    // Unsolicited events (src/event_handler.cpp).
    void handleEvent(Line &line, const SwitchEvent &event);
    void handleUnknownCall(Line &line, const SwitchEvent &event);
    void handleSelfCleared(Line &line, Call &call);

    // Monitoring and resync (src/resync.cpp).
    void startMonitor(DWORD lineIndex, std::function<void()> whenDone);
    void applySnapshot(Line &line, const std::vector<SnapshotEntry> &snapshot);

    ProviderConfig m_config;
    std::unique_ptr<SwitchLink> m_link;

    mutable std::mutex m_mutex;
    std::vector<Line> m_lines;
    /// Line index by directory number: every switch event names its device (thousands of
    /// lines, hundreds of events a second).
    std::unordered_map<std::string, std::size_t> m_lineByDn;
    std::map<uintptr_t, Call> m_calls;
    uintptr_t m_nextCallId = 1;
    std::set<DRV_REQUESTID> m_outstanding;
    uint64_t m_strayCompletions = 0;
    DWORD m_lineBase = 0;
    DWORD m_permanentProviderId = 0;
    ASYNC_COMPLETION m_completion = nullptr;
    bool m_started = false;

    std::deque<std::function<void()>> m_outbox;
    bool m_delivering = false;
};

} // namespace acd::tsp
