// The unsuffixed exports of the functions that have A and W entry points (tapi32 exports
// them too: a program that resolves lineMakeCall by name gets the A flavour). In C and C++
// the header maps the unsuffixed name to A with a macro, which this file undoes.
#include "exports.h"

#define TAPI_PLAIN(name, params, args)                                                             \
    TAPI_EXPORT LONG WINAPI name params                                                            \
    {                                                                                              \
        return name##A args;                                                                       \
    }

#undef lineGetDevCaps
#undef lineGetAddressCaps
#undef lineGetAddressStatus
#undef lineOpen
#undef lineMakeCall
#undef lineDial
#undef lineBlindTransfer
#undef lineSetupTransfer
#undef lineRedirect
#undef lineGetCallInfo
#undef lineGetID

TAPI_PLAIN(lineGetDevCaps, (HLINEAPP a, DWORD d, DWORD v, DWORD e, LPLINEDEVCAPS c),
           (a, d, v, e, c))
TAPI_PLAIN(lineGetAddressCaps,
           (HLINEAPP a, DWORD d, DWORD ad, DWORD v, DWORD e, LPLINEADDRESSCAPS c),
           (a, d, ad, v, e, c))
TAPI_PLAIN(lineGetAddressStatus, (HLINE l, DWORD ad, LPLINEADDRESSSTATUS s), (l, ad, s))
TAPI_PLAIN(lineOpen,
           (HLINEAPP a, DWORD d, LPHLINE l, DWORD v, DWORD e, DWORD_PTR i, DWORD p, DWORD m,
            LPLINECALLPARAMS const c),
           (a, d, l, v, e, i, p, m, c))
TAPI_PLAIN(lineMakeCall, (HLINE l, LPHCALL c, LPCSTR d, DWORD cc, LPLINECALLPARAMS const p),
           (l, c, d, cc, p))
TAPI_PLAIN(lineDial, (HCALL c, LPCSTR d, DWORD cc), (c, d, cc))
TAPI_PLAIN(lineBlindTransfer, (HCALL c, LPCSTR d, DWORD cc), (c, d, cc))
TAPI_PLAIN(lineSetupTransfer, (HCALL c, LPHCALL k, LPLINECALLPARAMS const p), (c, k, p))
TAPI_PLAIN(lineRedirect, (HCALL c, LPCSTR d, DWORD cc), (c, d, cc))
TAPI_PLAIN(lineGetCallInfo, (HCALL c, LPLINECALLINFO i), (c, i))
TAPI_PLAIN(lineGetID, (HLINE l, DWORD ad, HCALL c, DWORD s, LPVARSTRING v, LPCSTR dc),
           (l, ad, c, s, v, dc))
