// TSPI_lineUnhold -> CSTA RetrieveCall (also ends a pending transfer's hold).
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::unhold(DRV_REQUESTID id, HDRVCALL hdCall) {
    return callRequest(
        id, hdCall, RequestKind::RetrieveCall,
        {LINECALLSTATE_ONHOLD, LINECALLSTATE_ONHOLDPENDTRANSFER, LINECALLSTATE_ONHOLDPENDCONF});
}

} // namespace acd::tsp
