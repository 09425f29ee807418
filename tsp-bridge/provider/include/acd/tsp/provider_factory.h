#pragma once

// Each provider library defines createProvider(); src/tspi_exports.cpp, compiled into every
// provider library, turns the exported TSPI_* functions into calls on the core it returns.

#include <memory>
#include <string>

#include "acd/tsp/provider_core.h"

namespace acd::tsp {

/// Builds the provider from its configuration string ("key=value;..."); on failure returns
/// nullptr and a message naming the bad key and value.
std::unique_ptr<ProviderCore> createProvider(const std::string &config, std::string &error);

} // namespace acd::tsp
