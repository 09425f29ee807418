#include "provider_harness.h"

#include <atomic>

namespace acd::tsp::test {
namespace {

std::atomic<ProviderHarness *> g_current{nullptr};

} // namespace

ProviderHarness::ProviderHarness()
    : m_loader(std::make_unique<ProviderLoader>(&ProviderHarness::onCompletion)) {
    g_current = this;
}

ProviderHarness::~ProviderHarness() {
    unload();
    g_current = nullptr;
}

bool ProviderHarness::load(const std::string &path, const std::string &config, std::string &error) {
    return m_loader->load({path, config}, error);
}

void ProviderHarness::unload() {
    m_loader->unloadAll();
}

void ProviderHarness::onCompletion(DRV_REQUESTID id, LONG result) {
    ProviderHarness *self = g_current;
    if (!self)
        return;
    std::lock_guard lock(self->m_mutex);
    self->m_completions[static_cast<LONG>(id)].push_back(result);
    self->m_changed.notify_all();
}

void ProviderHarness::onLineEvent(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1,
                                  DWORD_PTR p2, DWORD_PTR) {
    if (ProviderHarness *self = g_current)
        self->record(htLine, htCall, msg, p1, p2);
}

void ProviderHarness::record(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1,
                             DWORD_PTR p2) {
    std::lock_guard lock(m_mutex);
    auto ht = reinterpret_cast<uintptr_t>(htCall);
    std::string dn = m_lineByHt[reinterpret_cast<uintptr_t>(htLine)];
    if (msg == LINE_NEWCALL) {
        uintptr_t newHt = m_nextHt++;
        *reinterpret_cast<HTAPICALL *>(p2) = reinterpret_cast<HTAPICALL>(newHt);
        m_calls[newHt] = reinterpret_cast<HDRVCALL>(p1);
        ht = newHt;
    }
    m_events.push_back({dn, ht, msg, p1, p2});
    m_changed.notify_all();
}

bool ProviderHarness::openLine(const std::string &dn) {
    DWORD id = deviceId(dn);
    if (id == ~DWORD(0))
        return false;
    HDRVLINE hd = nullptr;
    uintptr_t ht = 0;
    {
        std::lock_guard lock(m_mutex);
        ht = m_nextHt++;
        m_lineByHt[ht] = dn;
    }
    LONG rc = tspi().lineOpen(id, reinterpret_cast<HTAPILINE>(ht), &hd, provider().tspiVersion,
                              &ProviderHarness::onLineEvent);
    if (rc != 0)
        return false;
    std::lock_guard lock(m_mutex);
    m_lines[dn] = hd;
    return true;
}

void ProviderHarness::closeLine(const std::string &dn) {
    HDRVLINE hd = hdLine(dn);
    if (hd)
        tspi().lineClose(hd);
    std::lock_guard lock(m_mutex);
    m_lines.erase(dn);
}

HDRVLINE ProviderHarness::hdLine(const std::string &dn) const {
    std::lock_guard lock(m_mutex);
    auto it = m_lines.find(dn);
    return it == m_lines.end() ? nullptr : it->second;
}

DWORD ProviderHarness::deviceId(const std::string &dn) const {
    const LoadedProvider &p = provider();
    for (DWORD i = 0; i < p.numLines; ++i) {
        DWORD id = p.lineDeviceIdBase + i;
        alignas(8) char buffer[1024] = {};
        auto *caps = reinterpret_cast<LINEADDRESSCAPS *>(buffer);
        caps->dwTotalSize = sizeof buffer;
        if (p.tspi.lineGetAddressCaps(id, 0, p.tspiVersion, 0, caps) != 0)
            continue;
        if (caps->dwAddressSize > 0 && std::string(buffer + caps->dwAddressOffset) == dn)
            return id;
    }
    return ~DWORD(0);
}

DRV_REQUESTID ProviderHarness::nextRequestId() {
    std::lock_guard lock(m_mutex);
    return m_nextRequest++;
}

HDRVCALL ProviderHarness::hdCall(uintptr_t htCall) const {
    std::lock_guard lock(m_mutex);
    auto it = m_calls.find(htCall);
    return it == m_calls.end() ? nullptr : it->second;
}

LONG ProviderHarness::makeCall(const std::string &from, const std::string &to, uintptr_t &htCall) {
    {
        std::lock_guard lock(m_mutex);
        htCall = m_nextHt++;
    }
    HDRVCALL hd = nullptr;
    LONG rc = tspi().lineMakeCall(nextRequestId(), hdLine(from),
                                  reinterpret_cast<HTAPICALL>(htCall), &hd, to.c_str(), 0, nullptr);
    std::lock_guard lock(m_mutex);
    if (rc > 0)
        m_calls[htCall] = hd;
    return rc;
}

LONG ProviderHarness::answer(uintptr_t htCall) {
    return tspi().lineAnswer(nextRequestId(), hdCall(htCall), nullptr, 0);
}

LONG ProviderHarness::drop(uintptr_t htCall) {
    return tspi().lineDrop(nextRequestId(), hdCall(htCall), nullptr, 0);
}

LONG ProviderHarness::hold(uintptr_t htCall) {
    return tspi().lineHold(nextRequestId(), hdCall(htCall));
}

LONG ProviderHarness::unhold(uintptr_t htCall) {
    return tspi().lineUnhold(nextRequestId(), hdCall(htCall));
}

LONG ProviderHarness::blindTransfer(uintptr_t htCall, const std::string &to) {
    return tspi().lineBlindTransfer(nextRequestId(), hdCall(htCall), to.c_str(), 0);
}

LONG ProviderHarness::setupTransfer(uintptr_t htCall, uintptr_t &htConsult) {
    {
        std::lock_guard lock(m_mutex);
        htConsult = m_nextHt++;
    }
    HDRVCALL hd = nullptr;
    LONG rc = tspi().lineSetupTransfer(nextRequestId(), hdCall(htCall),
                                       reinterpret_cast<HTAPICALL>(htConsult), &hd, nullptr);
    std::lock_guard lock(m_mutex);
    if (rc > 0)
        m_calls[htConsult] = hd;
    return rc;
}

LONG ProviderHarness::dial(uintptr_t htCall, const std::string &to) {
    return tspi().lineDial(nextRequestId(), hdCall(htCall), to.c_str(), 0);
}

LONG ProviderHarness::completeTransfer(uintptr_t htCall, uintptr_t htConsult, DWORD mode,
                                       uintptr_t &htConf) {
    {
        std::lock_guard lock(m_mutex);
        htConf = m_nextHt++;
    }
    HDRVCALL hd = nullptr;
    LONG rc = tspi().lineCompleteTransfer(nextRequestId(), hdCall(htCall), hdCall(htConsult),
                                          reinterpret_cast<HTAPICALL>(htConf), &hd, mode);
    std::lock_guard lock(m_mutex);
    if (rc > 0 && hd)
        m_calls[htConf] = hd;
    return rc;
}

LONG ProviderHarness::redirect(uintptr_t htCall, const std::string &to) {
    return tspi().lineRedirect(nextRequestId(), hdCall(htCall), to.c_str(), 0);
}

LONG ProviderHarness::devSpecific(const std::string &dn, TSPIAGENTREQUEST &request) {
    return tspi().lineDevSpecific(nextRequestId(), hdLine(dn), 0, nullptr, &request,
                                  sizeof request);
}

bool ProviderHarness::waitFor(const std::function<bool()> &condition, int timeoutMs) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] {
        lock.unlock();
        bool ok = condition();
        lock.lock();
        return ok;
    });
}

LONG ProviderHarness::completed(LONG requestId, int timeoutMs) {
    if (requestId <= 0)
        return requestId;
    if (!waitCompleted(requestId, timeoutMs))
        return 1;
    return completions(requestId).front();
}

uintptr_t ProviderHarness::waitNewCall(const std::string &dn, size_t index, int timeoutMs) {
    if (!waitFor([&] { return newCalls(dn).size() > index; }, timeoutMs))
        return 0;
    return newCalls(dn)[index];
}

bool ProviderHarness::waitCompleted(LONG requestId, int timeoutMs) {
    return waitFor([&] { return !completions(requestId).empty(); }, timeoutMs);
}

bool ProviderHarness::waitState(uintptr_t htCall, DWORD state, int timeoutMs) {
    return waitFor(
        [&] {
            auto s = states(htCall);
            return !s.empty() && s.back() == state;
        },
        timeoutMs);
}

bool ProviderHarness::waitCallInfo(uintptr_t htCall, size_t count, int timeoutMs) {
    return waitFor(
        [&] {
            auto all = events();
            size_t n = 0;
            for (const auto &e : all)
                n += e.htCall == htCall && e.msg == LINE_CALLINFO ? 1 : 0;
            return n >= count;
        },
        timeoutMs);
}

bool ProviderHarness::waitLineEvent(const std::string &dn, DWORD msg, DWORD_PTR p1, int timeoutMs) {
    return waitFor(
        [&] {
            auto e = lineEvents(dn, msg);
            return !e.empty() && e.back() == p1;
        },
        timeoutMs);
}

std::vector<LONG> ProviderHarness::completions(LONG requestId) const {
    std::lock_guard lock(m_mutex);
    auto it = m_completions.find(requestId);
    return it == m_completions.end() ? std::vector<LONG>{} : it->second;
}

std::vector<DWORD> ProviderHarness::states(uintptr_t htCall) const {
    std::lock_guard lock(m_mutex);
    std::vector<DWORD> out;
    for (const auto &e : m_events) {
        if (e.htCall == htCall && e.msg == LINE_CALLSTATE)
            out.push_back(static_cast<DWORD>(e.p1));
    }
    return out;
}

DWORD ProviderHarness::lastMode(uintptr_t htCall) const {
    std::lock_guard lock(m_mutex);
    DWORD mode = 0;
    for (const auto &e : m_events) {
        if (e.htCall == htCall && e.msg == LINE_CALLSTATE)
            mode = static_cast<DWORD>(e.p2);
    }
    return mode;
}

std::vector<uintptr_t> ProviderHarness::newCalls(const std::string &dn) const {
    std::lock_guard lock(m_mutex);
    std::vector<uintptr_t> out;
    for (const auto &e : m_events) {
        if (e.dn == dn && e.msg == LINE_NEWCALL)
            out.push_back(e.htCall);
    }
    return out;
}

std::vector<DWORD_PTR> ProviderHarness::lineEvents(const std::string &dn, DWORD msg) const {
    std::lock_guard lock(m_mutex);
    std::vector<DWORD_PTR> out;
    for (const auto &e : m_events) {
        if (e.dn == dn && e.msg == msg && e.htCall == 0)
            out.push_back(e.p1);
    }
    return out;
}

std::vector<Recorded> ProviderHarness::events() const {
    std::lock_guard lock(m_mutex);
    return m_events;
}

std::vector<DRV_REQUESTID> ProviderHarness::duplicateCompletions() const {
    std::lock_guard lock(m_mutex);
    std::vector<DRV_REQUESTID> out;
    for (const auto &[id, results] : m_completions) {
        if (results.size() > 1)
            out.push_back(static_cast<DRV_REQUESTID>(id));
    }
    return out;
}

} // namespace acd::tsp::test
