#pragma once
// A TAPI application as a test drives it through the public C API (libtapi): event model,
// lineGetMessage with bounded timeouts, messages kept in order for assertions.
#include "tapi.h"

#include <functional>
#include <string>
#include <vector>

namespace acd::tapi::test {

class TapiApp {
public:
    explicit TapiApp(const char *name);
    ~TapiApp();

    bool ok() const { return m_app != 0; }
    HLINEAPP handle() const { return m_app; }
    DWORD numDevs() const { return m_numDevs; }

    /// The device whose first address is `extension` (LINEMAPPER when none).
    DWORD findDevice(const std::string &extension);
    /// Negotiates and opens the station or route point of `extension`.
    HLINE open(const std::string &extension, DWORD privileges = LINECALLPRIVILEGE_OWNER);

    /// Reads messages until `match` accepts one (returned) or `timeoutMs` pass (nullptr).
    const LINEMESSAGE *waitFor(const std::function<bool(const LINEMESSAGE &)> &match,
                               int timeoutMs = 5000);
    /// The result of the async request (1 when no LINE_REPLY came in time).
    LONG reply(LONG requestId, int timeoutMs = 5000);
    /// Waits for LINE_APPNEWCALL on `line` and returns the new hCall (0 on timeout).
    HCALL waitNewCall(HLINE line, int timeoutMs = 5000);
    bool waitState(HCALL call, DWORD state, int timeoutMs = 5000);
    /// Every message read so far.
    const std::vector<LINEMESSAGE> &messages() const { return m_messages; }
    std::vector<LINEMESSAGE> with(DWORD messageId) const;

private:
    HLINEAPP m_app = 0;
    DWORD m_numDevs = 0;
    std::vector<LINEMESSAGE> m_messages;
    std::size_t m_scanned = 0;
};

} // namespace acd::tapi::test
