#include "client_state.h"
#include "remote_binding.h"

#include <acd/tapi/in_process.h>

#include <map>
#include <optional>
#include <mutex>
#include <utility>

#include <pwd.h>
#include <unistd.h>

namespace acd::tapi::client {
namespace {

struct State {
    std::mutex mutex;
    std::shared_ptr<Binding> binding;
    std::optional<RemoteSettings> remote; ///< the settings of `binding` when it is remote
    HostStarter hostStarter;
    std::map<HLINEAPP, std::shared_ptr<AppQueue>> apps;
};

State &state()
{
    // Never destroyed, so usable from other static destructors; and not on the heap, so a
    // program that unloads libtapi (dlclose) leaves no unreachable block behind (the State
    // is made while the library loads: the default host's registration).
    union Storage {
        Storage()
            : state()
        {}
        ~Storage() {} // leaves `state` alone on purpose
        State state;
    };
    static Storage storage;
    return storage.state;
}

} // namespace

void setBinding(std::shared_ptr<Binding> binding)
{
    std::shared_ptr<Binding> previous;
    std::map<HLINEAPP, std::shared_ptr<AppQueue>> apps;
    {
        std::lock_guard lock(state().mutex);
        previous = std::exchange(state().binding, std::move(binding));
        state().remote.reset();
        if (previous)
            apps.swap(state().apps);
    }
    if (previous)
        previous->close();
    for (auto &[handle, queue] : apps)
        queue->stop();
}

std::shared_ptr<Binding> currentBinding()
{
    std::lock_guard lock(state().mutex);
    return state().binding;
}

void detach()
{
    setBinding(nullptr);
}

void setDefaultHostStarter(HostStarter starter)
{
    std::lock_guard lock(state().mutex);
    state().hostStarter = std::move(starter);
}

std::shared_ptr<Binding> bindingOrStartHost()
{
    HostStarter starter;
    std::shared_ptr<Binding> replaced; // closed after the lock is released
    std::shared_ptr<Binding> result;
    {
        std::lock_guard lock(state().mutex);
        std::optional<RemoteSettings> remote;
        if (state().binding) {
            // A remote binding with no application open follows changed settings: a desktop
            // that logs in as another agent (TAPI_USER/TAPI_PASSWORD) or to another engine.
            if (!state().remote || !state().apps.empty())
                return state().binding;
            remote = remoteSettings();
            if (remote && *remote == *state().remote)
                return state().binding;
            replaced = std::exchange(state().binding, nullptr);
            state().remote.reset();
        } else {
            remote = remoteSettings();
        }
        // A configured engine (TAPI_SERVER or tapi.conf) wins over the embedded one.
        if (remote) {
            state().binding = makeRemoteBinding(*remote);
            state().remote = remote;
            result = state().binding;
        } else {
            starter = state().hostStarter;
        }
    }
    if (replaced)
        replaced->close();
    if (result)
        return result;
    if (!starter)
        return nullptr;
    std::string error;
    try {
        // Unlocked: the starter attaches (setBinding takes the lock).
        if (!starter(error))
            return nullptr;
    } catch (...) {
        return nullptr;
    }
    return currentBinding();
}

void registerApp(HLINEAPP hLineApp, std::shared_ptr<AppQueue> queue)
{
    std::lock_guard lock(state().mutex);
    state().apps[hLineApp] = std::move(queue);
}

std::shared_ptr<AppQueue> findApp(HLINEAPP hLineApp)
{
    std::lock_guard lock(state().mutex);
    auto it = state().apps.find(hLineApp);
    return it == state().apps.end() ? nullptr : it->second;
}

std::shared_ptr<AppQueue> takeApp(HLINEAPP hLineApp)
{
    std::lock_guard lock(state().mutex);
    auto it = state().apps.find(hLineApp);
    if (it == state().apps.end())
        return nullptr;
    auto queue = std::move(it->second);
    state().apps.erase(it);
    return queue;
}

AppIdentity currentIdentity()
{
    AppIdentity identity;
    struct passwd pwd {};
    struct passwd *found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(::getuid(), &pwd, buffer, sizeof buffer, &found) == 0 && found
        && found->pw_name)
        identity.userName = found->pw_name;
    else if (const char *user = ::getenv("USER"))
        identity.userName = user;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0)
        identity.machineName = host;
    return identity;
}

} // namespace acd::tapi::client
