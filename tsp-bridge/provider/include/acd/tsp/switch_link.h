#pragma once

// The seam between the provider core and a switch: the sim provider implements it over the
// in-process switch model, the csta provider over CSTA XML on TCP. Tests add fault
// injection by wrapping it.

#include <functional>
#include <string>

#include "acd/tsp/switch_types.h"

namespace acd::tsp {

class LinkListener {
public:
    virtual ~LinkListener() = default;
    /// An event for a monitored device (monitoredDevice set). Called on a link thread or
    /// inside send(); never with a link lock held.
    virtual void onSwitchEvent(const SwitchEvent &event) = 0;
    /// The link is (again) usable; monitors must be restarted.
    virtual void onLinkUp() = 0;
    /// The link dropped; every outstanding request has been or is being failed.
    virtual void onLinkDown(const std::string &reason) = 0;
};

class SwitchLink {
public:
    using Done = std::function<void(const SwitchResult &)>;
    virtual ~SwitchLink() = default;

    /// Starts the link. May call listener.onLinkUp() before returning.
    virtual void start(LinkListener &listener) = 0;
    /// Stops the link: fails every outstanding request with CstaError::LinkDown and makes no
    /// callback afterwards.
    virtual void stop() = 0;
    /// Sends one request. `done` is called exactly once: with the switch's result, with
    /// CstaError::LinkDown when the link is down or drops, or CstaError::Timeout. It may be
    /// called before send() returns, never with a link lock held. A MonitorStart result's
    /// crossRefId is remembered by the link to route events.
    virtual void send(const SwitchRequest &request, Done done) = 0;
    virtual bool isUp() const = 0;
};

} // namespace acd::tsp
