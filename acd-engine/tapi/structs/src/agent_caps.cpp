#include "acd/tapi/agent_structs.h"
#include "acd/tapi/values.h"

#include <cstddef>

namespace acd::tapi {

DWORD agentCapsFixedSize(DWORD capsVersion)
{
    return capsVersion < TAPI_VERSION2_2 ? static_cast<DWORD>(offsetof(LINEAGENTCAPS, ProxyGUID))
                                         : static_cast<DWORD>(sizeof(LINEAGENTCAPS));
}

LONG fillAgentCaps(LINEAGENTCAPS *caps, DWORD capsVersion, const AgentHandlerCaps &handler,
                   StringEncoding encoding)
{
    if (!caps)
        return LINEERR_INVALPOINTER;
    const DWORD fixed = agentCapsFixedSize(capsVersion);
    if (const LONG err = checkFixedPart(caps, fixed))
        return err;
    VarStructWriter w(caps, fixed);
    caps->dwCapsVersion = capsVersion;
    caps->dwFeatures = handler.features;
    caps->dwStates = handler.states;
    caps->dwNextStates = handler.nextStates;
    caps->dwMaxNumGroupEntries = handler.maxGroupEntries;
    caps->dwAgentStatusMessages = handler.statusMessages;
    if (capsVersion >= TAPI_VERSION2_2)
        caps->ProxyGUID = toGuid(handler.proxyGuid);

    // The DWORD array first, so it stays 4-byte aligned whatever the string length.
    caps->dwNumAgentExtensionIDs = static_cast<DWORD>(handler.extensionIds.size());
    const Placement ids = w.appendBytes(handler.extensionIds.data(),
                                        handler.extensionIds.size() * sizeof(LINEEXTENSIONID));
    caps->dwAgentExtensionIDListSize = ids.size;
    caps->dwAgentExtensionIDListOffset = ids.offset;

    const Placement name = w.appendString(handler.handlerName, encoding);
    caps->dwAgentHandlerInfoSize = name.size;
    caps->dwAgentHandlerInfoOffset = name.offset;
    return 0;
}

} // namespace acd::tapi
