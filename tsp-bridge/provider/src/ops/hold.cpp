// TSPI_lineHold -> CSTA HoldCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::hold(DRV_REQUESTID id, HDRVCALL hdCall) {
    return callRequest(id, hdCall, RequestKind::HoldCall, {LINECALLSTATE_CONNECTED});
}

} // namespace acd::tsp
