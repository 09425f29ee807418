// TSPI_lineSetupTransfer: creates the consultation call in DIALTONE. Nothing goes to the
// switch yet; TSPI_lineDial on the consultation call sends CSTA ConsultationCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::setupTransfer(DRV_REQUESTID id, HDRVCALL hdCall, HTAPICALL htConsultCall,
                                 LPHDRVCALL lphdConsultCall) {
    {
        std::lock_guard lock(m_mutex);
        Call *original = callFor(hdCall);
        if (!original || original->dead)
            return LINEERR_INVALCALLHANDLE;
        if (!lphdConsultCall)
            return LINEERR_INVALPOINTER;
        if (original->state != LINECALLSTATE_CONNECTED || original->consultCall)
            return LINEERR_INVALCALLSTATE;
        Line &line = m_lines[original->line];
        Call &consult = newCall(line, htConsultCall);
        consult.consultOf = original->id;
        consult.origin = LINECALLORIGIN_OUTBOUND;
        consult.reason = LINECALLREASON_DIRECT;
        consult.callerId = line.config.dn;
        original->consultCall = consult.id;
        original->transferSetup = true;
        *lphdConsultCall = reinterpret_cast<HDRVCALL>(consult.id);
        m_outstanding.insert(id);
        complete(id, 0);
        setState(consult, LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL);
    }
    flush();
    return static_cast<LONG>(id);
}

} // namespace acd::tsp
