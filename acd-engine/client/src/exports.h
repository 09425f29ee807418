#pragma once
// Included by the files that define libtapi's C entry points.
#include "client_state.h"
#include "utf.h"

// libtapi builds with hidden visibility; the TAPI functions are the exports (the version
// script libtapi.map enforces the same list at link time).
#define TAPI_EXPORT extern "C" __attribute__((visibility("default")))

namespace acd::tapi::client {

/// Runs `f` on the current binding; `unbound` is returned when there is none (the handle the
/// function takes cannot be valid then). No exception crosses the C boundary.
template<class F>
LONG withBinding(LONG unbound, F &&f) noexcept
{
    try {
        std::shared_ptr<Binding> binding = currentBinding();
        if (!binding)
            return unbound;
        return f(*binding);
    } catch (...) {
        return LINEERR_OPERATIONFAILED;
    }
}

} // namespace acd::tapi::client
