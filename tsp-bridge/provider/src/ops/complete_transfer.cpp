// TSPI_lineCompleteTransfer -> CSTA TransferCall (LINETRANSFERMODE_TRANSFER) or
// ConferenceCall (LINETRANSFERMODE_CONFERENCE, which creates the conference call).
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::completeTransfer(DRV_REQUESTID id, HDRVCALL hdCall, HDRVCALL hdConsultCall,
                                    HTAPICALL htConfCall, LPHDRVCALL lphdConfCall,
                                    DWORD dwTransferMode) {
    std::lock_guard lock(m_mutex);
    Call *original = callFor(hdCall);
    Call *consult = callFor(hdConsultCall);
    if (!original || original->dead)
        return LINEERR_INVALCALLHANDLE;
    if (!consult || consult->dead || consult == original)
        return LINEERR_INVALCONSULTCALLHANDLE;
    if (dwTransferMode != LINETRANSFERMODE_TRANSFER
        && dwTransferMode != LINETRANSFERMODE_CONFERENCE)
        return LINEERR_INVALTRANSFERMODE;
    if (dwTransferMode == LINETRANSFERMODE_CONFERENCE && !lphdConfCall)
        return LINEERR_INVALPOINTER;
    if (original->state != LINECALLSTATE_ONHOLDPENDTRANSFER
        && original->state != LINECALLSTATE_ONHOLD)
        return LINEERR_INVALCALLSTATE;
    if (consult->callId.empty()
        || (consult->state != LINECALLSTATE_CONNECTED && consult->state != LINECALLSTATE_RINGBACK
            && consult->state != LINECALLSTATE_PROCEEDING))
        return LINEERR_INVALCALLSTATE;
    Line &line = m_lines[original->line];
    SwitchRequest request;
    request.kind = dwTransferMode == LINETRANSFERMODE_TRANSFER ? RequestKind::TransferCall
                                                               : RequestKind::ConferenceCall;
    request.conn = {original->callId, line.config.dn};
    request.secondConn = {consult->callId, line.config.dn};
    if (dwTransferMode == LINETRANSFERMODE_TRANSFER)
        return submit(id, request, {});
    Call &conf = newCall(line, htConfCall);
    conf.origin = LINECALLORIGIN_CONFERENCE;
    conf.reason = LINECALLREASON_DIRECT;
    *lphdConfCall = reinterpret_cast<HDRVCALL>(conf.id);
    uintptr_t confId = conf.id;
    return submit(
        id, request,
        [this, confId](const SwitchResult &result) {
            Call *c = callById(confId);
            if (!c)
                return;
            if (result.ok())
                bind(*c, result.conn.callId);
            else
                c->dead = true;
        },
        &line);
}

} // namespace acd::tsp
