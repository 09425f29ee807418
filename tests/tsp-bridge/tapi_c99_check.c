/* tapi.h and tspi.h compile as strict C99 (built with -std=c99 -pedantic-errors). */
#include "tapi.h"
#include "tspi.h"

/* C99 has no static_assert: a negative array size fails the build. */
#define C99_ASSERT(name, cond) typedef char name[(cond) ? 1 : -1]

C99_ASSERT(dword_is_32_bit, sizeof(DWORD) == 4);
C99_ASSERT(long_is_32_bit, sizeof(LONG) == 4);
C99_ASSERT(dword_ptr_is_pointer_sized, sizeof(DWORD_PTR) == sizeof(void *));
C99_ASSERT(hcall_is_32_bit, sizeof(HCALL) == 4);
C99_ASSERT(linedevcaps_size, sizeof(LINEDEVCAPS) == 292);
C99_ASSERT(linecallinfo_size, sizeof(LINECALLINFO) == 344);
C99_ASSERT(lineerr_is_negative, LINEERR_OPERATIONFAILED < 0);

LONG tapiC99Check(void);

LONG tapiC99Check(void) {
    LINECALLSTATUS status;
    status.dwTotalSize = sizeof status;
    status.dwCallState = LINECALLSTATE_CONNECTED;
    return status.dwCallState == LINECALLSTATE_CONNECTED ? 0 : LINEERR_OPERATIONFAILED;
}
