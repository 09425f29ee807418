// TSPI_lineRedirect -> CSTA DeflectCall (an offering call moves to another destination).
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::redirect(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest) {
    return callRequest(id, hdCall, RequestKind::DeflectCall,
                       {LINECALLSTATE_OFFERING, LINECALLSTATE_ACCEPTED}, dest);
}

} // namespace acd::tsp
