#pragma once
// The process-wide state of libtapi: the binding, the default host starter and the table of
// this process's line applications (HLINEAPP -> message queue).
#include "app_queue.h"

#include <vector>

namespace acd::tapi::client {

/// The binding; when there is none, runs the default host starter once and looks again.
std::shared_ptr<Binding> bindingOrStartHost();

void registerApp(HLINEAPP hLineApp, std::shared_ptr<AppQueue> queue);
std::shared_ptr<AppQueue> findApp(HLINEAPP hLineApp);
/// Removes the application from the table and returns its queue (nullptr if unknown).
std::shared_ptr<AppQueue> takeApp(HLINEAPP hLineApp);

/// Who runs this process: user name (getpwuid, else $USER) and host name (gethostname).
AppIdentity currentIdentity();

} // namespace acd::tapi::client
