// TSPI_lineBlindTransfer -> CSTA SingleStepTransferCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::blindTransfer(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest) {
    return callRequest(id, hdCall, RequestKind::SingleStepTransferCall, {LINECALLSTATE_CONNECTED},
                       dest);
}

} // namespace acd::tsp
