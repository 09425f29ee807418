// TSPI_lineAnswer -> CSTA AnswerCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::answer(DRV_REQUESTID id, HDRVCALL hdCall) {
    return callRequest(id, hdCall, RequestKind::AnswerCall,
                       {LINECALLSTATE_OFFERING, LINECALLSTATE_ACCEPTED});
}

} // namespace acd::tsp
