// The real TapiBackend: acd::tapi::Server. Built only when the server library exists.
#include "in_process_binding.h"

#include <acd/tapi/in_process.h>

namespace acd::tapi::client {
namespace {

class ServerBackend final : public TapiBackend {
public:
    explicit ServerBackend(Server &server)
        : m_server(server)
    {}

    LONG lineInitializeEx(ClientId client, LPHLINEAPP lphLineApp, std::shared_ptr<MessageSink> sink,
                          const char *friendlyAppName, const AppIdentity &identity,
                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion) override
    {
        return m_server.lineInitializeEx(client, lphLineApp, std::move(sink), friendlyAppName,
                                         identity, lpdwNumDevs, lpdwAPIVersion);
    }
    void dropClient(ClientId client) override { m_server.dropClient(client); }

#define TAPI_FN(name, args, ...)                                                                   \
    LONG name(ClientId client, __VA_ARGS__) override                                               \
    {                                                                                              \
        return m_server.name(client, TAPI_UNPACK args);                                            \
    }
#include "tapi_functions.def"
#undef TAPI_FN

private:
    Server &m_server;
};

} // namespace

void attachInProcess(EngineLoop &loop, Server &server)
{
    setBinding(std::make_shared<InProcessBinding>(loop, std::make_shared<ServerBackend>(server)));
}

} // namespace acd::tapi::client
