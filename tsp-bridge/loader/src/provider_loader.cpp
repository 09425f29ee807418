#include "acd/tsp/provider_loader.h"

#include <dlfcn.h>

#include <cstdio>

namespace acd::tsp {
namespace {

template<typename T>
bool resolve(void *handle, const char *name, T &out, std::string &missing) {
    out = reinterpret_cast<T>(dlsym(handle, name));
    if (!out) {
        if (!missing.empty())
            missing += ", ";
        missing += name;
        return false;
    }
    return true;
}

std::string hex(LONG value) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(value));
    return buf;
}

} // namespace

ProviderLoader::ProviderLoader(ASYNC_COMPLETION completion)
    : m_completion(completion) {}

ProviderLoader::~ProviderLoader() {
    unloadAll();
}

bool ProviderLoader::load(const ProviderSpec &spec, std::string &error) {
    const std::string who = "provider '" + spec.path + "'";
    dlerror();
    void *handle = dlopen(spec.path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        error = who + ": cannot load: " + (why ? why : "unknown dlopen error");
        return false;
    }
    auto provider = std::make_unique<LoadedProvider>();
    provider->path = spec.path;
    provider->handle = handle;
    TspiFunctions &f = provider->tspi;
    std::string missing;
#define ACD_RESOLVE(member, symbol) resolve(handle, #symbol, f.member, missing)
    ACD_RESOLVE(providerEnumDevices, TSPI_providerEnumDevices);
    ACD_RESOLVE(providerInit, TSPI_providerInit);
    ACD_RESOLVE(providerShutdown, TSPI_providerShutdown);
    ACD_RESOLVE(lineNegotiateTSPIVersion, TSPI_lineNegotiateTSPIVersion);
    ACD_RESOLVE(lineGetDevCaps, TSPI_lineGetDevCaps);
    ACD_RESOLVE(lineGetAddressCaps, TSPI_lineGetAddressCaps);
    ACD_RESOLVE(lineGetAddressStatus, TSPI_lineGetAddressStatus);
    ACD_RESOLVE(lineGetNumAddressIDs, TSPI_lineGetNumAddressIDs);
    ACD_RESOLVE(lineOpen, TSPI_lineOpen);
    ACD_RESOLVE(lineClose, TSPI_lineClose);
    ACD_RESOLVE(lineGetCallInfo, TSPI_lineGetCallInfo);
    ACD_RESOLVE(lineGetCallStatus, TSPI_lineGetCallStatus);
    ACD_RESOLVE(lineMakeCall, TSPI_lineMakeCall);
    ACD_RESOLVE(lineDial, TSPI_lineDial);
    ACD_RESOLVE(lineAnswer, TSPI_lineAnswer);
    ACD_RESOLVE(lineDrop, TSPI_lineDrop);
    ACD_RESOLVE(lineHold, TSPI_lineHold);
    ACD_RESOLVE(lineUnhold, TSPI_lineUnhold);
    ACD_RESOLVE(lineBlindTransfer, TSPI_lineBlindTransfer);
    ACD_RESOLVE(lineSetupTransfer, TSPI_lineSetupTransfer);
    ACD_RESOLVE(lineCompleteTransfer, TSPI_lineCompleteTransfer);
    ACD_RESOLVE(lineRedirect, TSPI_lineRedirect);
    ACD_RESOLVE(lineDevSpecific, TSPI_lineDevSpecific);
    ACD_RESOLVE(lineCloseCall, TSPI_lineCloseCall);
#undef ACD_RESOLVE
    if (!missing.empty()) {
        error = who + ": missing required entry points: " + missing;
        dlclose(handle);
        return false;
    }
    std::string optionalMissing;
    resolve(handle, "TSPI_providerSetConfig", f.providerSetConfig, optionalMissing);

    provider->permanentProviderId = m_nextProviderId;
    if (f.providerSetConfig) {
        LONG rc = f.providerSetConfig(provider->permanentProviderId, spec.config.c_str());
        if (rc != 0) {
            error = who + ": TSPI_providerSetConfig rejected the configuration (" + hex(rc) + ")";
            dlclose(handle);
            return false;
        }
    } else if (!spec.config.empty()) {
        error = who + ": has a configuration but no TSPI_providerSetConfig entry point";
        dlclose(handle);
        return false;
    }
    DWORD lines = 0;
    DWORD phones = 0;
    LONG rc = f.providerEnumDevices(provider->permanentProviderId, &lines, &phones, nullptr,
                                    nullptr, nullptr);
    if (rc != 0) {
        error = who + ": TSPI_providerEnumDevices failed (" + hex(rc) + ")";
        dlclose(handle);
        return false;
    }
    DWORD version = 0;
    rc = f.lineNegotiateTSPIVersion(INITIALIZE_NEGOTIATION, TSPI_VERSION_LOW, TSPI_VERSION_HIGH,
                                    &version);
    if (rc != 0 || version < TSPI_VERSION_LOW || version > TSPI_VERSION_HIGH) {
        error = who + ": no common TSPI version in " + hex(TSPI_VERSION_LOW) + ".."
                + hex(TSPI_VERSION_HIGH) + " (result " + hex(rc) + ", version " + hex(version)
                + ")";
        f.providerShutdown(version, provider->permanentProviderId);
        dlclose(handle);
        return false;
    }
    DWORD options = 0;
    rc = f.providerInit(version, provider->permanentProviderId, m_nextDeviceId, 0, lines, 0,
                        m_completion, &options);
    if (rc != 0) {
        error = who + ": TSPI_providerInit failed (" + hex(rc) + ")";
        f.providerShutdown(version, provider->permanentProviderId);
        dlclose(handle);
        return false;
    }
    provider->tspiVersion = version;
    provider->numLines = lines;
    provider->lineDeviceIdBase = m_nextDeviceId;
    m_nextDeviceId += lines;
    ++m_nextProviderId;
    m_providers.push_back(std::move(provider));
    return true;
}

void ProviderLoader::unloadAll() {
    while (!m_providers.empty()) {
        auto &p = m_providers.back();
        p->tspi.providerShutdown(p->tspiVersion, p->permanentProviderId);
        dlclose(p->handle);
        m_providers.pop_back();
    }
}

const LoadedProvider *ProviderLoader::providerForDevice(DWORD deviceId) const {
    for (const auto &p : m_providers) {
        if (deviceId >= p->lineDeviceIdBase && deviceId < p->lineDeviceIdBase + p->numLines)
            return p.get();
    }
    return nullptr;
}

LONG ProviderLoader::negotiateLine(DWORD deviceId, DWORD &version) const {
    const LoadedProvider *p = providerForDevice(deviceId);
    if (!p)
        return LINEERR_BADDEVICEID;
    return p->tspi.lineNegotiateTSPIVersion(deviceId, TSPI_VERSION_LOW, TSPI_VERSION_HIGH,
                                            &version);
}

} // namespace acd::tsp
