/* A TAPI program built against an installed libtapi (C99, -Wall -Werror):
 *   cc install_check.c $(pkg-config --cflags --libs tapi)
 * It only checks that the header, the library and the loader find each other: with no
 * application initialized, lineShutdown(0) must fail with LINEERR_INVALAPPHANDLE. */
#include <stdio.h>

#include <tapi.h>

int main(void)
{
    const LONG result = lineShutdown(0);
    printf("lineShutdown(0) returned 0x%08lX (%s)\n", (unsigned long)(DWORD)result,
           result == LINEERR_INVALAPPHANDLE ? "LINEERR_INVALAPPHANDLE" : "unexpected");
    return result == LINEERR_INVALAPPHANDLE ? 0 : 1;
}
