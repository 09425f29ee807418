// Capabilities, lists and queues: GETAGENTCAPS, GETAGENTACTIVITYLIST, GETAGENTGROUPLIST,
// GETGROUPLIST, GETQUEUELIST, GETQUEUEINFO, SETQUEUEMEASUREMENTPERIOD.
#include "proxy_impl.h"

#include "acd/tapi/agent_structs.h"
#include "acd/tapi/queue_structs.h"

#include <algorithm>

namespace acd::tapi {

LONG AcdProxy::Impl::getAgentCaps(Request &req)
{
    AgentHandlerCaps caps;
    caps.handlerName = kHandlerName;
    caps.features = kAgentFeatures;
    caps.states = kAgentStates;
    caps.nextStates = kAgentNextStates;
    caps.maxGroupEntries = static_cast<DWORD>(ctx.config.groups.size());
    caps.statusMessages = kAgentStatusMessages;
    caps.extensionIds = {LINEEXTENSIONID{ACD_AGENT_EXTENSION_ID0, ACD_AGENT_EXTENSION_ID1,
                                         ACD_AGENT_EXTENSION_ID2, ACD_AGENT_EXTENSION_ID3}};
    caps.proxyGuid = proxyGuid();
    const DWORD version = std::min<DWORD>(req.r.dwClientAppAPIVersion, TAPI_VERSION2_2);
    return fillAgentCaps(&req.r.GetAgentCaps.AgentCaps, version, caps, req.encoding);
}

LONG AcdProxy::Impl::getAgentActivityList(Request &req)
{
    return fillAgentActivityList(&req.r.GetAgentActivityList.ActivityList,
                                 ctx.engine.config().reasonCodes, req.encoding);
}

LONG AcdProxy::Impl::getAgentGroupList(Request &req)
{
    // The groups an agent on this address may join: all of them.
    return fillAgentGroupList(&req.r.GetAgentGroupList.GroupList, ctx.config.groups, req.encoding);
}

LONG AcdProxy::Impl::getGroupList(Request &req)
{
    return fillAgentGroupList(&req.r.GetGroupList.GroupList, ctx.config.groups, req.encoding);
}

LONG AcdProxy::Impl::getQueueList(Request &req)
{
    const core::GroupConfig *group = groupByGuid(&req.r.GetQueueList.GroupID);
    if (!group)
        return LINEERR_INVALAGENTGROUP;
    std::vector<core::QueueConfig> queues;
    for (const core::QueueConfig &q : ctx.config.queues)
        if (q.group == group->id)
            queues.push_back(q);
    return fillQueueList(&req.r.GetQueueList.QueueList, queues, req.encoding);
}

LONG AcdProxy::Impl::getQueueInfo(Request &req)
{
    auto queue = ctx.engine.queue(req.r.GetQueueInfo.dwQueueID);
    if (!queue)
        return LINEERR_INVALPARAM; // the documented code for a bad dwQueueID
    return fillQueueInfo(&req.r.GetQueueInfo.QueueInfo, queue.value());
}

LONG AcdProxy::Impl::setQueueMeasurementPeriod(Request &req)
{
    const DWORD seconds = req.r.SetQueueMeasurementPeriod.dwMeasurementPeriod;
    if (seconds == 0 || seconds > 0x7FFFFFFF)
        return LINEERR_INVALPARAM;
    const core::Status st = ctx.engine.setQueueMeasurementPeriod(
        req.r.SetQueueMeasurementPeriod.dwQueueID, static_cast<int>(seconds));
    if (st)
        return 0;
    switch (st.code()) {
    case core::ErrorCode::UnknownQueue:
    case core::ErrorCode::InvalidArgument:
        return LINEERR_INVALPARAM;
    default:
        return LINEERR_OPERATIONFAILED;
    }
}

} // namespace acd::tapi
