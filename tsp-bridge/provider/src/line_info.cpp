// TSPI_lineGetDevCaps, TSPI_lineGetAddressCaps, TSPI_lineGetAddressStatus,
// TSPI_lineGetCallInfo, TSPI_lineGetCallStatus.
#include <cstddef>
#include <cstdlib>

#include "acd/tsp/provider_core.h"
#include "var_struct.h"

namespace acd::tsp {
namespace {

constexpr DWORD kCallStates =
    LINECALLSTATE_IDLE | LINECALLSTATE_OFFERING | LINECALLSTATE_DIALTONE | LINECALLSTATE_RINGBACK
    | LINECALLSTATE_BUSY | LINECALLSTATE_CONNECTED | LINECALLSTATE_PROCEEDING | LINECALLSTATE_ONHOLD
    | LINECALLSTATE_CONFERENCED | LINECALLSTATE_ONHOLDPENDTRANSFER | LINECALLSTATE_DISCONNECTED;

constexpr DWORD kCallFeatures =
    LINECALLFEATURE_ANSWER | LINECALLFEATURE_BLINDTRANSFER | LINECALLFEATURE_COMPLETETRANSF
    | LINECALLFEATURE_DIAL | LINECALLFEATURE_DROP | LINECALLFEATURE_HOLD | LINECALLFEATURE_REDIRECT
    | LINECALLFEATURE_SETUPTRANSFER | LINECALLFEATURE_UNHOLD;

DWORD featuresFor(DWORD state, bool consult) {
    switch (state) {
    case LINECALLSTATE_OFFERING:
        return LINECALLFEATURE_ANSWER | LINECALLFEATURE_DROP | LINECALLFEATURE_REDIRECT;
    case LINECALLSTATE_DIALTONE:
        return LINECALLFEATURE_DROP | (consult ? LINECALLFEATURE_DIAL : 0);
    case LINECALLSTATE_CONNECTED:
        return LINECALLFEATURE_DROP | LINECALLFEATURE_HOLD | LINECALLFEATURE_BLINDTRANSFER
               | LINECALLFEATURE_SETUPTRANSFER | (consult ? LINECALLFEATURE_COMPLETETRANSF : 0);
    case LINECALLSTATE_RINGBACK:
    case LINECALLSTATE_PROCEEDING:
        return LINECALLFEATURE_DROP | (consult ? LINECALLFEATURE_COMPLETETRANSF : 0);
    case LINECALLSTATE_ONHOLD:
        return LINECALLFEATURE_DROP | LINECALLFEATURE_UNHOLD;
    case LINECALLSTATE_ONHOLDPENDTRANSFER:
        return LINECALLFEATURE_DROP | LINECALLFEATURE_UNHOLD | LINECALLFEATURE_COMPLETETRANSF;
    case LINECALLSTATE_BUSY:
    case LINECALLSTATE_DISCONNECTED:
    case LINECALLSTATE_CONFERENCED:
        return LINECALLFEATURE_DROP;
    default:
        return 0;
    }
}

} // namespace

LONG ProviderCore::getDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, LPLINEDEVCAPS caps) {
    if (!caps)
        return LINEERR_INVALPOINTER;
    DWORD fixed = dwTSPIVersion >= TAPI_VERSION2_2
                      ? static_cast<DWORD>(offsetof(LINEDEVCAPS, dwAddressTypes))
                      : static_cast<DWORD>(offsetof(LINEDEVCAPS, PermanentLineGuid));
    std::lock_guard lock(m_mutex);
    if (dwDeviceID < m_lineBase || dwDeviceID - m_lineBase >= m_lines.size())
        return LINEERR_BADDEVICEID;
    if (caps->dwTotalSize < fixed) {
        caps->dwNeededSize = fixed;
        return LINEERR_STRUCTURETOOSMALL;
    }
    const Line &line = m_lines[dwDeviceID - m_lineBase];
    VarStruct<LINEDEVCAPS> v(caps, fixed);
    v.addString(caps->dwProviderInfoSize, caps->dwProviderInfoOffset, m_config.providerName);
    v.addString(caps->dwSwitchInfoSize, caps->dwSwitchInfoOffset, m_config.switchName);
    v.addString(caps->dwLineNameSize, caps->dwLineNameOffset,
                (line.config.routePoint ? "Route point " : "Station ") + line.config.dn);
    caps->dwPermanentLineID = (m_permanentProviderId << 16) | line.index;
    caps->dwStringFormat = STRINGFORMAT_ASCII;
    caps->dwAddressModes = LINEADDRESSMODE_ADDRESSID;
    caps->dwNumAddresses = 1;
    caps->dwBearerModes = LINEBEARERMODE_VOICE;
    caps->dwMediaModes = LINEMEDIAMODE_INTERACTIVEVOICE;
    caps->dwDevCapFlags = LINEDEVCAPFLAGS_CLOSEDROP;
    caps->dwMaxNumActiveCalls = 1;
    caps->dwAnswerMode = LINEANSWERMODE_HOLD;
    caps->dwLineStates = LINEDEVSTATE_OTHER | LINEDEVSTATE_INSERVICE | LINEDEVSTATE_OUTOFSERVICE
                         | LINEDEVSTATE_DEVSPECIFIC;
    caps->dwLineFeatures =
        (line.config.routePoint ? 0 : LINEFEATURE_MAKECALL) | LINEFEATURE_DEVSPECIFIC;
    return 0;
}

LONG ProviderCore::getAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD,
                                  LPLINEADDRESSCAPS caps) {
    if (!caps)
        return LINEERR_INVALPOINTER;
    constexpr auto fixed = static_cast<DWORD>(sizeof(LINEADDRESSCAPS));
    std::lock_guard lock(m_mutex);
    if (dwDeviceID < m_lineBase || dwDeviceID - m_lineBase >= m_lines.size())
        return LINEERR_BADDEVICEID;
    if (dwAddressID != 0)
        return LINEERR_INVALADDRESSID;
    if (caps->dwTotalSize < fixed) {
        caps->dwNeededSize = fixed;
        return LINEERR_STRUCTURETOOSMALL;
    }
    const Line &line = m_lines[dwDeviceID - m_lineBase];
    VarStruct<LINEADDRESSCAPS> v(caps, fixed);
    v.addString(caps->dwAddressSize, caps->dwAddressOffset, line.config.dn);
    caps->dwLineDeviceID = dwDeviceID;
    caps->dwAddressSharing = LINEADDRESSSHARING_PRIVATE;
    caps->dwCallInfoStates =
        LINECALLINFOSTATE_CALLID | LINECALLINFOSTATE_CALLERID | LINECALLINFOSTATE_CALLEDID;
    caps->dwCallerIDFlags = LINECALLPARTYID_ADDRESS | LINECALLPARTYID_UNKNOWN;
    caps->dwCalledIDFlags = LINECALLPARTYID_ADDRESS | LINECALLPARTYID_UNKNOWN;
    caps->dwCallStates = kCallStates;
    caps->dwDialToneModes = LINEDIALTONEMODE_NORMAL;
    caps->dwBusyModes = LINEBUSYMODE_STATION | LINEBUSYMODE_TRUNK;
    caps->dwDisconnectModes = LINEDISCONNECTMODE_NORMAL | LINEDISCONNECTMODE_UNKNOWN;
    caps->dwMaxNumActiveCalls = 1;
    caps->dwMaxNumOnHoldCalls = 1;
    caps->dwMaxNumOnHoldPendingCalls = 1;
    caps->dwMaxNumConference = 3;
    caps->dwMaxNumTransConf = 3;
    caps->dwAddrCapFlags = (line.config.routePoint ? LINEADDRCAPFLAGS_ROUTEPOINT : 0)
                           | LINEADDRCAPFLAGS_DIALED | LINEADDRCAPFLAGS_TRANSFERMAKE
                           | LINEADDRCAPFLAGS_CONFERENCEMAKE;
    caps->dwCallFeatures =
        line.config.routePoint
            ? (LINECALLFEATURE_REDIRECT | LINECALLFEATURE_DROP | LINECALLFEATURE_ANSWER)
            : kCallFeatures;
    caps->dwTransferModes = LINETRANSFERMODE_TRANSFER | LINETRANSFERMODE_CONFERENCE;
    caps->dwAddressFeatures = line.config.routePoint ? 0 : LINEADDRFEATURE_MAKECALL;
    caps->dwCallFeatures2 = LINECALLFEATURE2_TRANSFERNORM | LINECALLFEATURE2_TRANSFERCONF;
    caps->dwConnectedModes = LINECONNECTEDMODE_ACTIVE;
    caps->dwOfferingModes = LINEOFFERINGMODE_ACTIVE;
    caps->dwAvailableMediaModes = LINEMEDIAMODE_INTERACTIVEVOICE;
    return 0;
}

LONG ProviderCore::getAddressStatus(HDRVLINE hdLine, DWORD dwAddressID,
                                    LPLINEADDRESSSTATUS status) {
    if (!status)
        return LINEERR_INVALPOINTER;
    constexpr auto fixed = static_cast<DWORD>(sizeof(LINEADDRESSSTATUS));
    std::lock_guard lock(m_mutex);
    Line *line = lineFor(hdLine);
    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (dwAddressID != 0)
        return LINEERR_INVALADDRESSID;
    if (status->dwTotalSize < fixed) {
        status->dwNeededSize = fixed;
        return LINEERR_STRUCTURETOOSMALL;
    }
    VarStruct<LINEADDRESSSTATUS> v(status, fixed);
    for (const auto &[id, call] : m_calls) {
        if (call.line != line->index || call.dead || call.state == 0
            || call.state == LINECALLSTATE_IDLE)
            continue;
        ++status->dwNumInUse;
        if (call.state == LINECALLSTATE_ONHOLD)
            ++status->dwNumOnHoldCalls;
        else if (call.state == LINECALLSTATE_ONHOLDPENDTRANSFER
                 || call.state == LINECALLSTATE_ONHOLDPENDCONF)
            ++status->dwNumOnHoldPendCalls;
        else if (call.state != LINECALLSTATE_CONFERENCED)
            ++status->dwNumActiveCalls;
    }
    status->dwAddressFeatures = line->config.routePoint ? 0 : LINEADDRFEATURE_MAKECALL;
    return 0;
}

LONG ProviderCore::getCallInfo(HDRVCALL hdCall, LPLINECALLINFO info) {
    if (!info)
        return LINEERR_INVALPOINTER;
    constexpr auto fixed = static_cast<DWORD>(offsetof(LINECALLINFO, dwCallerIDAddressType));
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (info->dwTotalSize < fixed) {
        info->dwNeededSize = fixed;
        return LINEERR_STRUCTURETOOSMALL;
    }
    const Line &line = m_lines[call->line];
    VarStruct<LINECALLINFO> v(info, fixed);
    info->dwLineDeviceID = m_lineBase + line.index;
    info->dwBearerMode = LINEBEARERMODE_VOICE;
    info->dwMediaMode = LINEMEDIAMODE_INTERACTIVEVOICE;
    info->dwCallID = static_cast<DWORD>(std::strtoul(call->callId.c_str(), nullptr, 16));
    info->dwCallStates = kCallStates;
    info->dwOrigin = call->origin;
    info->dwReason = call->reason;
    info->dwNumOwners = 1;
    info->dwCallerIDFlags =
        call->callerId.empty() ? LINECALLPARTYID_UNKNOWN : LINECALLPARTYID_ADDRESS;
    if (!call->callerId.empty())
        v.addString(info->dwCallerIDSize, info->dwCallerIDOffset, call->callerId);
    info->dwCalledIDFlags =
        call->calledId.empty() ? LINECALLPARTYID_UNKNOWN : LINECALLPARTYID_ADDRESS;
    if (!call->calledId.empty())
        v.addString(info->dwCalledIDSize, info->dwCalledIDOffset, call->calledId);
    info->dwConnectedIDFlags = LINECALLPARTYID_UNKNOWN;
    info->dwRedirectionIDFlags = LINECALLPARTYID_UNKNOWN;
    info->dwRedirectingIDFlags = LINECALLPARTYID_UNKNOWN;
    return 0;
}

LONG ProviderCore::getCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS status) {
    if (!status)
        return LINEERR_INVALPOINTER;
    constexpr auto fixed = static_cast<DWORD>(sizeof(LINECALLSTATUS));
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (status->dwTotalSize < fixed) {
        status->dwNeededSize = fixed;
        return LINEERR_STRUCTURETOOSMALL;
    }
    VarStruct<LINECALLSTATUS> v(status, fixed);
    status->dwCallState = call->state == 0 ? LINECALLSTATE_UNKNOWN : call->state;
    status->dwCallStateMode =
        call->state == LINECALLSTATE_CONFERENCED ? 0 : static_cast<DWORD>(call->mode);
    status->dwCallPrivilege = LINECALLPRIVILEGE_OWNER;
    bool consult = call->consultOf != 0;
    status->dwCallFeatures = call->dead ? 0 : featuresFor(call->state, consult);
    return 0;
}

} // namespace acd::tsp
