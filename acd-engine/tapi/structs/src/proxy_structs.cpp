#include "acd/tapi/proxy_structs.h"
#include "acd/tapi/var_struct.h"
#include "list_fill.h"

namespace acd::tapi {

LONG fillProxyRequestList(LINEPROXYREQUESTLIST *list, const std::vector<DWORD> &requestTypes)
{
    if (!list)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(list, sizeof(LINEPROXYREQUESTLIST)))
        return err;
    VarStructWriter w(list, sizeof(LINEPROXYREQUESTLIST));
    list->dwNumEntries = static_cast<DWORD>(requestTypes.size());
    const Placement p = detail::appendEntries(w, std::span<const DWORD>(requestTypes));
    list->dwListSize = p.size;
    list->dwListOffset = p.offset;
    return 0;
}

} // namespace acd::tapi
