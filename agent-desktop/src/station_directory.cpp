#include "station_directory.h"

#include "tapi_structs.h"

namespace desk {

QList<LineEntry> readLines(HLINEAPP app, DWORD numDevs)
{
    QList<LineEntry> lines;
    for (DWORD device = 0; device < numDevs; ++device) {
        DWORD version = 0;
        LINEEXTENSIONID ext;
        if (lineNegotiateAPIVersion(app, device, TAPI_VERSION2_0, TAPI_VERSION2_2, &version, &ext)
            != 0)
            continue;
        VarStruct<LINEADDRESSCAPS> caps(2048);
        if (lineGetAddressCaps(app, device, 0, version, 0, caps.get()) != 0)
            continue;
        LineEntry entry;
        entry.device = device;
        entry.apiVersion = version;
        entry.address = caps.string(caps->dwAddressSize, caps->dwAddressOffset);
        entry.routePoint = (caps->dwAddrCapFlags & LINEADDRCAPFLAGS_ROUTEPOINT) != 0;
        VarStruct<LINEDEVCAPS> dev(2048);
        if (lineGetDevCaps(app, device, version, 0, dev.get()) == 0)
            entry.name = dev.string(dev->dwLineNameSize, dev->dwLineNameOffset);
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
