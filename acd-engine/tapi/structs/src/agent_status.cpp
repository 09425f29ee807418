#include "acd/tapi/agent_structs.h"
#include "list_fill.h"

#include <cstring>

namespace acd::tapi {

namespace {

void setGroupId(LINEAGENTGROUPENTRY &entry, const core::Guid &guid)
{
    static_assert(sizeof(entry.GroupID) == 16);
    std::memcpy(&entry.GroupID, guid.bytes.data(), sizeof entry.GroupID);
}

} // namespace

LONG fillAgentStatus(LINEAGENTSTATUS *status, const AddressAgentStatus &agent,
                     StringEncoding encoding)
{
    if (!status)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(status, sizeof(LINEAGENTSTATUS)))
        return err;
    VarStructWriter w(status, sizeof(LINEAGENTSTATUS));
    status->dwNumEntries = static_cast<DWORD>(agent.groups.size());
    const Placement groups = detail::appendNamedEntries<LINEAGENTGROUPENTRY>(
        w, std::span<const AgentGroup>(agent.groups),
        [](LINEAGENTGROUPENTRY &e, const AgentGroup &g) { setGroupId(e, g.guid); },
        [](const AgentGroup &g) -> const std::string & { return g.name; }, encoding);
    status->dwGroupListSize = groups.size;
    status->dwGroupListOffset = groups.offset;
    status->dwState = agent.state;
    status->dwNextState = agent.nextState;
    status->dwActivityID = agent.activityId;
    const Placement activity = w.appendString(agent.activityName, encoding);
    status->dwActivitySize = activity.size;
    status->dwActivityOffset = activity.offset;
    status->dwAgentFeatures = agent.features;
    status->dwValidStates = agent.validStates;
    status->dwValidNextStates = agent.validNextStates;
    return 0;
}

template<typename Item>
static LONG fillGroupList(LINEAGENTGROUPLIST *list, const std::vector<Item> &groups,
                          StringEncoding encoding)
{
    if (!list)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(list, sizeof(LINEAGENTGROUPLIST)))
        return err;
    VarStructWriter w(list, sizeof(LINEAGENTGROUPLIST));
    list->dwNumEntries = static_cast<DWORD>(groups.size());
    const Placement entries = detail::appendNamedEntries<LINEAGENTGROUPENTRY>(
        w, std::span<const Item>(groups),
        [](LINEAGENTGROUPENTRY &e, const Item &g) { setGroupId(e, g.guid); },
        [](const Item &g) -> const std::string & { return g.name; }, encoding);
    list->dwListSize = entries.size;
    list->dwListOffset = entries.offset;
    return 0;
}

LONG fillAgentGroupList(LINEAGENTGROUPLIST *list, const std::vector<core::GroupConfig> &groups,
                        StringEncoding encoding)
{
    return fillGroupList(list, groups, encoding);
}

LONG fillAgentGroupList(LINEAGENTGROUPLIST *list, const std::vector<AgentGroup> &groups,
                        StringEncoding encoding)
{
    return fillGroupList(list, groups, encoding);
}

LONG fillAgentActivityList(LINEAGENTACTIVITYLIST *list,
                           const std::map<core::ReasonCode, std::string> &reasonCodes,
                           StringEncoding encoding)
{
    if (!list)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(list, sizeof(LINEAGENTACTIVITYLIST)))
        return err;
    VarStructWriter w(list, sizeof(LINEAGENTACTIVITYLIST));
    using Item = std::pair<const core::ReasonCode, std::string>;
    const std::vector<Item> items(reasonCodes.begin(), reasonCodes.end());
    list->dwNumEntries = static_cast<DWORD>(items.size());
    const Placement entries = detail::appendNamedEntries<LINEAGENTACTIVITYENTRY>(
        w, std::span<const Item>(items),
        [](LINEAGENTACTIVITYENTRY &e, const Item &r) { e.dwID = r.first; },
        [](const Item &r) -> const std::string & { return r.second; }, encoding);
    list->dwListSize = entries.size;
    list->dwListOffset = entries.offset;
    return 0;
}

} // namespace acd::tapi
