#include "station_directory.h"

#include "tapi_structs.h"

#include <chrono>
#include <thread>

namespace desk {

namespace {

// The engine closes a connection that sends more than its `max-messages-per-second` (2,000 by
// default; 1008); every TAPI call is one frame. Reading the lines paces itself to half the
// default, leaving room for the rest of the desktop's requests on an engine configured lower.
constexpr int kRequestsPerSecond = 1000;

class Pacer {
public:
    void next()
    {
        if (++m_sent % kRequestsPerSecond != 0)
            return;
        const auto second = m_windowStart + std::chrono::seconds(1);
        std::this_thread::sleep_until(second);
        m_windowStart = std::chrono::steady_clock::now();
    }

private:
    int m_sent = 0;
    std::chrono::steady_clock::time_point m_windowStart = std::chrono::steady_clock::now();
};

} // namespace

QList<LineEntry> readLines(HLINEAPP app, DWORD numDevs)
{
    QList<LineEntry> lines;
    Pacer pacer;
    for (DWORD device = 0; device < numDevs; ++device) {
        DWORD version = 0;
        LINEEXTENSIONID ext;
        pacer.next();
        if (lineNegotiateAPIVersion(app, device, TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext)
            != 0)
            continue;
        VarStruct<LINEADDRESSCAPS> caps(2048);
        pacer.next();
        if (lineGetAddressCaps(app, device, 0, version, 0, caps.get()) != 0)
            continue;
        LineEntry entry;
        entry.device = device;
        entry.apiVersion = version;
        entry.address = caps.string(caps->dwAddressSize, caps->dwAddressOffset);
        entry.routePoint = (caps->dwAddrCapFlags & LINEADDRCAPFLAGS_ROUTEPOINT) != 0;
        if (entry.routePoint) {
            // Route points are few and their names ("Sales line") help in the directory.
            VarStruct<LINEDEVCAPS> dev(2048);
            pacer.next();
            if (lineGetDevCaps(app, device, version, 0, dev.get()) == 0)
                entry.name = dev.string(dev->dwLineNameSize, dev->dwLineNameOffset);
        }
        if (!entry.address.isEmpty())
            lines.append(entry);
    }
    return lines;
}

const LineEntry *findLine(const QList<LineEntry> &lines, const QString &extension)
{
    for (const LineEntry &line : lines)
        if (line.address == extension)
            return &line;
    return nullptr;
}

} // namespace desk
