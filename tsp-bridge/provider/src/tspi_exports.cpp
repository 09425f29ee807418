// The exported TSPI entry points of a provider library. Compiled into each provider (it
// needs that provider's createProvider()). No exception crosses these functions.
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>

#include "acd/tsp/provider_factory.h"

using acd::tsp::ProviderCore;

namespace {

std::mutex g_mutex;
std::string g_config;
std::shared_ptr<ProviderCore> g_core;

std::shared_ptr<ProviderCore> core() {
    std::lock_guard lock(g_mutex);
    return g_core;
}

template<typename F>
LONG guarded(const char *what, F &&f) {
    try {
        auto c = core();
        if (!c)
            return LINEERR_UNINITIALIZED;
        return f(*c);
    } catch (const std::bad_alloc &) {
        return LINEERR_NOMEM;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "tsp: %s failed: %s\n", what, e.what());
        return LINEERR_OPERATIONFAILED;
    } catch (...) {
        std::fprintf(stderr, "tsp: %s failed with an unknown exception\n", what);
        return LINEERR_OPERATIONFAILED;
    }
}

} // namespace

extern "C" {

LONG TSPI_providerSetConfig(DWORD, LPCSTR lpszConfig) {
    std::lock_guard lock(g_mutex);
    g_config = lpszConfig ? lpszConfig : "";
    return 0;
}

LONG TSPI_providerEnumDevices(DWORD, LPDWORD lpdwNumLines, LPDWORD lpdwNumPhones, HPROVIDER,
                              LINEEVENT, PHONEEVENT) {
    try {
        std::lock_guard lock(g_mutex);
        if (!g_core) {
            std::string error;
            auto created = acd::tsp::createProvider(g_config, error);
            if (!created) {
                std::fprintf(stderr, "tsp: provider configuration rejected: %s\n", error.c_str());
                return LINEERR_INIFILECORRUPT;
            }
            g_core = std::move(created);
        }
        return g_core->enumDevices(lpdwNumLines, lpdwNumPhones);
    } catch (...) {
        return LINEERR_OPERATIONFAILED;
    }
}

LONG TSPI_providerInit(DWORD dwTSPIVersion, DWORD dwPermanentProviderID, DWORD dwLineDeviceIDBase,
                       DWORD, DWORD_PTR, DWORD_PTR, ASYNC_COMPLETION lpfnCompletionProc,
                       LPDWORD lpdwTSPIOptions) {
    return guarded("TSPI_providerInit", [&](ProviderCore &c) {
        return c.init(dwTSPIVersion, dwPermanentProviderID, dwLineDeviceIDBase, lpfnCompletionProc,
                      lpdwTSPIOptions);
    });
}

LONG TSPI_providerShutdown(DWORD, DWORD) {
    try {
        std::shared_ptr<ProviderCore> c;
        {
            std::lock_guard lock(g_mutex);
            c.swap(g_core);
        }
        return c ? c->shutdown() : 0;
    } catch (...) {
        return LINEERR_OPERATIONFAILED;
    }
}

LONG TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion, DWORD dwHighVersion,
                                   LPDWORD lpdwTSPIVersion) {
    return guarded("TSPI_lineNegotiateTSPIVersion", [&](ProviderCore &c) {
        return c.negotiateVersion(dwDeviceID, dwLowVersion, dwHighVersion, lpdwTSPIVersion);
    });
}

LONG TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD, LPLINEDEVCAPS caps) {
    return guarded("TSPI_lineGetDevCaps",
                   [&](ProviderCore &c) { return c.getDevCaps(dwDeviceID, dwTSPIVersion, caps); });
}

LONG TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD dwTSPIVersion, DWORD,
                             LPLINEADDRESSCAPS caps) {
    return guarded("TSPI_lineGetAddressCaps", [&](ProviderCore &c) {
        return c.getAddressCaps(dwDeviceID, dwAddressID, dwTSPIVersion, caps);
    });
}

LONG TSPI_lineGetAddressStatus(HDRVLINE hdLine, DWORD dwAddressID, LPLINEADDRESSSTATUS status) {
    return guarded("TSPI_lineGetAddressStatus", [&](ProviderCore &c) {
        return c.getAddressStatus(hdLine, dwAddressID, status);
    });
}

LONG TSPI_lineGetNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs) {
    return guarded("TSPI_lineGetNumAddressIDs",
                   [&](ProviderCore &c) { return c.getNumAddressIDs(hdLine, lpdwNumAddressIDs); });
}

LONG TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine, DWORD dwTSPIVersion,
                   LINEEVENT lpfnEventProc) {
    return guarded("TSPI_lineOpen", [&](ProviderCore &c) {
        return c.open(dwDeviceID, htLine, lphdLine, dwTSPIVersion, lpfnEventProc);
    });
}

LONG TSPI_lineClose(HDRVLINE hdLine) {
    return guarded("TSPI_lineClose", [&](ProviderCore &c) { return c.close(hdLine); });
}

LONG TSPI_lineGetCallInfo(HDRVCALL hdCall, LPLINECALLINFO info) {
    return guarded("TSPI_lineGetCallInfo",
                   [&](ProviderCore &c) { return c.getCallInfo(hdCall, info); });
}

LONG TSPI_lineGetCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS status) {
    return guarded("TSPI_lineGetCallStatus",
                   [&](ProviderCore &c) { return c.getCallStatus(hdCall, status); });
}

LONG TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, HTAPICALL htCall,
                       LPHDRVCALL lphdCall, LPCSTR lpszDestAddress, DWORD, LPLINECALLPARAMS const) {
    return guarded("TSPI_lineMakeCall", [&](ProviderCore &c) {
        return c.makeCall(dwRequestID, hdLine, htCall, lphdCall, lpszDestAddress);
    });
}

LONG TSPI_lineDial(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpszDestAddress, DWORD) {
    return guarded("TSPI_lineDial",
                   [&](ProviderCore &c) { return c.dial(dwRequestID, hdCall, lpszDestAddress); });
}

LONG TSPI_lineAnswer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR, DWORD) {
    return guarded("TSPI_lineAnswer",
                   [&](ProviderCore &c) { return c.answer(dwRequestID, hdCall); });
}

LONG TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR, DWORD) {
    return guarded("TSPI_lineDrop", [&](ProviderCore &c) { return c.drop(dwRequestID, hdCall); });
}

LONG TSPI_lineHold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall) {
    return guarded("TSPI_lineHold", [&](ProviderCore &c) { return c.hold(dwRequestID, hdCall); });
}

LONG TSPI_lineUnhold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall) {
    return guarded("TSPI_lineUnhold",
                   [&](ProviderCore &c) { return c.unhold(dwRequestID, hdCall); });
}

LONG TSPI_lineBlindTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpszDestAddress,
                            DWORD) {
    return guarded("TSPI_lineBlindTransfer", [&](ProviderCore &c) {
        return c.blindTransfer(dwRequestID, hdCall, lpszDestAddress);
    });
}

LONG TSPI_lineSetupTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, HTAPICALL htConsultCall,
                            LPHDRVCALL lphdConsultCall, LPLINECALLPARAMS const) {
    return guarded("TSPI_lineSetupTransfer", [&](ProviderCore &c) {
        return c.setupTransfer(dwRequestID, hdCall, htConsultCall, lphdConsultCall);
    });
}

LONG TSPI_lineCompleteTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, HDRVCALL hdConsultCall,
                               HTAPICALL htConfCall, LPHDRVCALL lphdConfCall,
                               DWORD dwTransferMode) {
    return guarded("TSPI_lineCompleteTransfer", [&](ProviderCore &c) {
        return c.completeTransfer(dwRequestID, hdCall, hdConsultCall, htConfCall, lphdConfCall,
                                  dwTransferMode);
    });
}

LONG TSPI_lineRedirect(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpszDestAddress, DWORD) {
    return guarded("TSPI_lineRedirect", [&](ProviderCore &c) {
        return c.redirect(dwRequestID, hdCall, lpszDestAddress);
    });
}

LONG TSPI_lineDevSpecific(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID,
                          HDRVCALL hdCall, LPVOID lpParams, DWORD dwSize) {
    return guarded("TSPI_lineDevSpecific", [&](ProviderCore &c) {
        return c.devSpecific(dwRequestID, hdLine, dwAddressID, hdCall, lpParams, dwSize);
    });
}

LONG TSPI_lineCloseCall(HDRVCALL hdCall) {
    return guarded("TSPI_lineCloseCall", [&](ProviderCore &c) { return c.closeCall(hdCall); });
}

} // extern "C"
