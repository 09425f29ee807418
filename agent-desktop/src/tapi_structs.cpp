#include "tapi_structs.h"

#include <QHash>

namespace desk {

GUID toGuid(const QUuid &uuid)
{
    GUID g;
    g.Data1 = uuid.data1;
    g.Data2 = uuid.data2;
    g.Data3 = uuid.data3;
    std::memcpy(g.Data4, uuid.data4, sizeof g.Data4);
    return g;
}

QUuid fromGuid(const GUID &g)
{
    return QUuid(g.Data1, g.Data2, g.Data3, g.Data4[0], g.Data4[1], g.Data4[2], g.Data4[3],
                 g.Data4[4], g.Data4[5], g.Data4[6], g.Data4[7]);
}

QUuid fromGroupId(const void *groupId16Bytes)
{
    // The four DWORDs hold the GUID in its Windows memory order, as GUID itself does.
    GUID g;
    std::memcpy(&g, groupId16Bytes, sizeof g);
    return fromGuid(g);
}

QString lineErrorName(LONG code)
{
    static const QHash<LONG, QString> names{
        {LINEERR_NODRIVER, QStringLiteral("LINEERR_NODRIVER")},
        {LINEERR_OPERATIONFAILED, QStringLiteral("LINEERR_OPERATIONFAILED")},
        {LINEERR_RESOURCEUNAVAIL, QStringLiteral("LINEERR_RESOURCEUNAVAIL")},
        {LINEERR_INVALPASSWORD, QStringLiteral("LINEERR_INVALPASSWORD")},
        {LINEERR_INVALAGENTID, QStringLiteral("LINEERR_INVALAGENTID")},
        {LINEERR_INVALAGENTGROUP, QStringLiteral("LINEERR_INVALAGENTGROUP")},
        {LINEERR_INVALAGENTSTATE, QStringLiteral("LINEERR_INVALAGENTSTATE")},
        {LINEERR_INVALCALLSTATE, QStringLiteral("LINEERR_INVALCALLSTATE")},
        {LINEERR_INVALCALLHANDLE, QStringLiteral("LINEERR_INVALCALLHANDLE")},
        {LINEERR_INVALLINEHANDLE, QStringLiteral("LINEERR_INVALLINEHANDLE")},
        {LINEERR_INVALADDRESS, QStringLiteral("LINEERR_INVALADDRESS")},
        {LINEERR_INVALPARAM, QStringLiteral("LINEERR_INVALPARAM")},
        {LINEERR_NOTOWNER, QStringLiteral("LINEERR_NOTOWNER")},
        {LINEERR_OPERATIONUNAVAIL, QStringLiteral("LINEERR_OPERATIONUNAVAIL")},
    };
    return names.value(code, QStringLiteral("0x%1").arg(quint32(code), 8, 16, QLatin1Char('0')));
}

} // namespace desk
