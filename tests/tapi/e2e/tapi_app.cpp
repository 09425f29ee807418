#include "tapi_app.h"

#include <chrono>
#include <cstring>

namespace acd::tapi::test {

TapiApp::TapiApp(const char *name)
{
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    DWORD version = TAPI_VERSION2_2;
    if (lineInitializeExA(&m_app, nullptr, nullptr, name, &m_numDevs, &version, &params) != 0)
        m_app = 0;
}

TapiApp::~TapiApp()
{
    if (m_app)
        lineShutdown(m_app);
}

DWORD TapiApp::findDevice(const std::string &extension)
{
    for (DWORD device = 0; device < m_numDevs; ++device) {
        DWORD version = 0;
        LINEEXTENSIONID ext{};
        if (lineNegotiateAPIVersion(m_app, device, TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext)
            != 0)
            continue;
        alignas(8) char buffer[1024] = {};
        auto *caps = reinterpret_cast<LINEADDRESSCAPS *>(buffer);
        caps->dwTotalSize = sizeof buffer;
        if (lineGetAddressCaps(m_app, device, 0, version, 0, caps) == 0
            && caps->dwAddressSize == extension.size() + 1
            && extension == buffer + caps->dwAddressOffset)
            return device;
    }
    return LINEMAPPER;
}

HLINE TapiApp::open(const std::string &extension, DWORD privileges)
{
    DWORD device = findDevice(extension);
    if (device == LINEMAPPER)
        return 0;
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    if (lineNegotiateAPIVersion(m_app, device, TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext)
        != 0)
        return 0;
    HLINE line = 0;
    if (lineOpen(m_app, device, &line, version, 0, 0, privileges, LINEMEDIAMODE_INTERACTIVEVOICE,
                 nullptr)
        != 0)
        return 0;
    return line;
}

const LINEMESSAGE *TapiApp::waitFor(const std::function<bool(const LINEMESSAGE &)> &match,
                                    int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        for (; m_scanned < m_messages.size(); ++m_scanned)
            if (match(m_messages[m_scanned]))
                return &m_messages[m_scanned++];
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0)
            return nullptr;
        LINEMESSAGE m{};
        if (lineGetMessage(m_app, &m, static_cast<DWORD>(left)) == 0)
            m_messages.push_back(m);
    }
}

LONG TapiApp::reply(LONG requestId, int timeoutMs)
{
    if (requestId <= 0)
        return requestId;
    for (const LINEMESSAGE &m : m_messages) // it may have come before we looked
        if (m.dwMessageID == LINE_REPLY && m.dwParam1 == static_cast<DWORD_PTR>(requestId))
            return static_cast<LONG>(static_cast<DWORD>(m.dwParam2));
    const LINEMESSAGE *m = waitFor(
        [&](const LINEMESSAGE &x) {
            return x.dwMessageID == LINE_REPLY && x.dwParam1 == static_cast<DWORD_PTR>(requestId);
        },
        timeoutMs);
    return m ? static_cast<LONG>(static_cast<DWORD>(m->dwParam2)) : 1;
}

HCALL TapiApp::waitNewCall(HLINE line, int timeoutMs)
{
    const LINEMESSAGE *m = waitFor(
        [&](const LINEMESSAGE &x) { return x.dwMessageID == LINE_APPNEWCALL && x.hDevice == line; },
        timeoutMs);
    return m ? static_cast<HCALL>(m->dwParam2) : 0;
}

bool TapiApp::waitState(HCALL call, DWORD state, int timeoutMs)
{
    for (const LINEMESSAGE &m : m_messages)
        if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == call && m.dwParam1 == state)
            return true;
    return waitFor(
               [&](const LINEMESSAGE &x) {
                   return x.dwMessageID == LINE_CALLSTATE && x.hDevice == call
                          && x.dwParam1 == state;
               },
               timeoutMs)
           != nullptr;
}

std::vector<LINEMESSAGE> TapiApp::with(DWORD messageId) const
{
    std::vector<LINEMESSAGE> out;
    for (const LINEMESSAGE &m : m_messages)
        if (m.dwMessageID == messageId)
            out.push_back(m);
    return out;
}

} // namespace acd::tapi::test
