#pragma once

// Loads TSPI providers (shared libraries) listed in the engine's configuration: dlopen by
// path, every required TSPI_* entry point checked, TSPI version negotiated, line device IDs
// assigned from consecutive bases, providers initialised and shut down in order.

#include <memory>
#include <string>
#include <vector>

#include "tspi.h"

namespace acd::tsp {

/// Pointers to every entry point of tspi.h. All but providerSetConfig are required.
struct TspiFunctions {
    decltype(&TSPI_providerSetConfig) providerSetConfig = nullptr; // optional
    decltype(&TSPI_providerEnumDevices) providerEnumDevices = nullptr;
    decltype(&TSPI_providerInit) providerInit = nullptr;
    decltype(&TSPI_providerShutdown) providerShutdown = nullptr;
    decltype(&TSPI_lineNegotiateTSPIVersion) lineNegotiateTSPIVersion = nullptr;
    decltype(&TSPI_lineGetDevCaps) lineGetDevCaps = nullptr;
    decltype(&TSPI_lineGetAddressCaps) lineGetAddressCaps = nullptr;
    decltype(&TSPI_lineGetAddressStatus) lineGetAddressStatus = nullptr;
    decltype(&TSPI_lineGetNumAddressIDs) lineGetNumAddressIDs = nullptr;
    decltype(&TSPI_lineOpen) lineOpen = nullptr;
    decltype(&TSPI_lineClose) lineClose = nullptr;
    decltype(&TSPI_lineGetCallInfo) lineGetCallInfo = nullptr;
    decltype(&TSPI_lineGetCallStatus) lineGetCallStatus = nullptr;
    decltype(&TSPI_lineMakeCall) lineMakeCall = nullptr;
    decltype(&TSPI_lineDial) lineDial = nullptr;
    decltype(&TSPI_lineAnswer) lineAnswer = nullptr;
    decltype(&TSPI_lineDrop) lineDrop = nullptr;
    decltype(&TSPI_lineHold) lineHold = nullptr;
    decltype(&TSPI_lineUnhold) lineUnhold = nullptr;
    decltype(&TSPI_lineBlindTransfer) lineBlindTransfer = nullptr;
    decltype(&TSPI_lineSetupTransfer) lineSetupTransfer = nullptr;
    decltype(&TSPI_lineCompleteTransfer) lineCompleteTransfer = nullptr;
    decltype(&TSPI_lineRedirect) lineRedirect = nullptr;
    decltype(&TSPI_lineDevSpecific) lineDevSpecific = nullptr;
    decltype(&TSPI_lineCloseCall) lineCloseCall = nullptr;
};

struct ProviderSpec {
    std::string path;   ///< the shared library
    std::string config; ///< given to TSPI_providerSetConfig when the provider has it
};

struct LoadedProvider {
    std::string path;
    DWORD permanentProviderId = 0;
    DWORD lineDeviceIdBase = 0;
    DWORD numLines = 0;
    DWORD tspiVersion = 0; ///< negotiated with INITIALIZE_NEGOTIATION
    TspiFunctions tspi;
    void *handle = nullptr;
};

class ProviderLoader {
public:
    /// `completion` receives every provider's ASYNC_COMPLETION calls.
    explicit ProviderLoader(ASYNC_COMPLETION completion);
    ~ProviderLoader();
    ProviderLoader(const ProviderLoader &) = delete;
    ProviderLoader &operator=(const ProviderLoader &) = delete;

    /// Loads and initialises one provider; its lines get the next free device IDs. On
    /// failure nothing stays loaded and `error` names the provider and what was wrong.
    bool load(const ProviderSpec &spec, std::string &error);
    /// Shuts down and unloads every provider, last loaded first.
    void unloadAll();

    const std::vector<std::unique_ptr<LoadedProvider>> &providers() const { return m_providers; }
    /// The provider owning a line device ID, or nullptr.
    const LoadedProvider *providerForDevice(DWORD deviceId) const;
    DWORD totalLines() const { return m_nextDeviceId; }

    /// Negotiates the TSPI version of one line (TSPI_VERSION_LOW..HIGH).
    LONG negotiateLine(DWORD deviceId, DWORD &version) const;

private:
    ASYNC_COMPLETION m_completion;
    std::vector<std::unique_ptr<LoadedProvider>> m_providers;
    DWORD m_nextDeviceId = 0;
    DWORD m_nextProviderId = 1;
};

} // namespace acd::tsp
