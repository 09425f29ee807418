// libFuzzer target: arbitrary text as protocol requests (docs/protocol.md) to the engine side
// of the protocol, on a connection that said hello as an admin, with the admin API behind
// admin.* (its puts of new secrets hashed "elsewhere": after the input, as the worker would
// answer). Must never crash, hang or leak; every input gets a response or closes nothing but
// that connection.
#include "acd/server/admin_api.h"
#include "acd/server/protocol_service.h"
#include "core/engine.h"
#include "db/config_edit.h"
#include "db/json_config.h"

#include <cstddef>
#include <cstdint>
#include <memory>
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
        admin = std::make_unique<acd::server::AdminApi>(engine, config, acd::server::AdminHooks{},
                                                        acd::server::AdminOptions{1});
        service->setAdmin(admin.get());
        service->setSecretHasher(
            [this](std::string kind, std::string item, std::function<void(std::string)> done) {
                if (++puts % 7 == 0)
                    return false; // now and then the worker is full
                hashes.push_back(
                    [kind = std::move(kind), item = std::move(item), done = std::move(done)] {
                        done(acd::db::hashClearSecret(kind, item, 1));
                    });
                return true;
            });
        reopen();
    }
    /// What the secret worker would hand back after the input.
    void finishHashes()
    {
        while (!hashes.empty()) {
            auto next = std::move(hashes.front());
            hashes.erase(hashes.begin());
            next();
        }
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
    std::unique_ptr<acd::server::AdminApi> admin; // outlives the service that uses it
    std::unique_ptr<acd::server::ProtocolService> service;
    std::vector<std::function<void()>> hashes;
    unsigned puts = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // A fresh world now and then: admin.put grows the configuration input after input, and
    // with it the memory and the time of every later put.
    static std::unique_ptr<World> fresh;
    static unsigned inputs = 0;
    if (!fresh || ++inputs % 20000 == 0)
        fresh = std::make_unique<World>();
    World &world = *fresh;
    world.now += 1000;
    if (world.service->connectionCount() == 0)
        world.reopen();
    world.service->onText(1, std::string(reinterpret_cast<const char *>(data), size));
    world.finishHashes();
    std::vector<acd::core::Effect> effects;
    world.engine.takeEffects(effects);
    world.service->onEffects(effects);
    world.service->tick(); // the stats topic's flush
    return 0;
}
