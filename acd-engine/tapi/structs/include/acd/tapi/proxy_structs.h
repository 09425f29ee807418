#pragma once
// Filling LINEPROXYREQUESTLIST. Return values as in agent_structs.h.
#include <vector>

#include "tapi.h"

namespace acd::tapi {

/// LINEPROXYREQUESTLIST: dwNumEntries DWORD LINEPROXYREQUEST_ values at dwListOffset, in
/// the given order.
LONG fillProxyRequestList(LINEPROXYREQUESTLIST *list, const std::vector<DWORD> &requestTypes);

} // namespace acd::tapi
