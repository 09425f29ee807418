// libFuzzer target: arbitrary text as protocol requests (docs/protocol.md) to the engine side
// of the protocol, on a connection that said hello as an admin. Must never crash, hang or
// leak; every input gets a response or closes nothing but that connection.
#include "acd/server/protocol_service.h"
#include "core/engine.h"
#include "db/json_config.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

class NullTransport : public acd::server::Transport {
public:
    bool send(acd::server::ConnectionId, std::string) override { return true; }
    void close(acd::server::ConnectionId, std::uint16_t, std::string) override {}
    void resume(acd::server::ConnectionId, std::string) override {}
};

struct World {
    World()
    {
        config = acd::db::parseConfigJson(R"({"version":1,
            "skills":[{"id":1,"name":"s"}],
            "groups":[{"id":1,"name":"g","guid":"6b29fc40-ca47-1067-b31d-00dd010662da"}],
            "reasonCodes":[{"code":1,"name":"Lunch"}],
            "queues":[{"id":10,"name":"q","group":1,"skill":1,"overflowWhenNoAgents":false}],
            "agents":[{"id":1001,"name":"a","pin":"1","skills":[{"skill":1,"level":5}]}],
            "stations":[{"id":"100"}],
            "users":[{"name":"root","role":"admin","password":"p"},
                     {"name":"alice","role":"agent","password":"p","agent":1001}]})",
                                          1)
                     .config;
        acd::db::loadIntoEngine(config, engine);
        service = std::make_unique<acd::server::ProtocolService>(engine, config, transport,
                                                                 [this] { return now; });
        // Reports answer at once with an empty table (the database is not what is fuzzed).
        service->setReportRunner([](const acd::server::ReportJob &, auto done) {
            done(acd::db::ReportTable{});
            return true;
        });
        reopen();
    }
    /// A "bye" in the input ends the connection: the next input gets a fresh one.
    void reopen()
    {
        service->onOpen(1, "10.0.0.1");
        service->onText(1, R"({"id":1,"op":"hello","version":1,"user":"root","password":"p"})");
    }
    acd::db::ConfigSet config;
    acd::core::Engine engine;
    NullTransport transport;
    acd::core::TimeMs now = 1'700'000'000'000;
    std::unique_ptr<acd::server::ProtocolService> service;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static World world;
    world.now += 1000;
    if (world.service->connectionCount() == 0)
        world.reopen();
    world.service->onText(1, std::string(reinterpret_cast<const char *>(data), size));
    std::vector<acd::core::Effect> effects;
    world.engine.takeEffects(effects);
    world.service->onEffects(effects);
    world.service->tick(); // the stats topic's flush
    return 0;
}
