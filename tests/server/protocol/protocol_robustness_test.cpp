// Hostile input to the protocol in the normal build (the libFuzzer target protocol_fuzz goes
// further): thousands of mutated requests must each get exactly one response, never crash,
// and leave the connection usable.
#include "acd/server/protocol_service.h"
#include "core/engine.h"
#include "db/json_config.h"

#include <gtest/gtest.h>

#include <random>

namespace acd::server::test {
namespace {

class CountingTransport : public Transport {
public:
    bool send(ConnectionId, std::string text) override
    {
        responses +=
            text.find("\"re\":") != std::string::npos && text.find("\"ev\":") == std::string::npos;
        return true;
    }
    void close(ConnectionId, std::uint16_t, std::string) override { ++closes; }
    void resume(ConnectionId, std::string) override {}
    std::size_t responses = 0;
    std::size_t closes = 0;
};

TEST(ProtocolRobustness, EveryMutatedRequestGetsExactlyOneResponseAndNothingCrashes)
{
    db::ConfigSet config = db::parseConfigJson(R"({"version":1,
        "skills":[{"id":1,"name":"s"}],
        "groups":[{"id":1,"name":"g","guid":"6b29fc40-ca47-1067-b31d-00dd010662da"}],
        "queues":[{"id":10,"name":"q","group":1,"skill":1,"overflowWhenNoAgents":false}],
        "agents":[{"id":1001,"name":"a","pin":"1","skills":[{"skill":1,"level":5}]}],
        "users":[{"name":"root","role":"admin","password":"p"}]})",
                                               1)
                               .config;
    core::Engine engine;
    ASSERT_TRUE(db::loadIntoEngine(config, engine));
    CountingTransport transport;
    core::TimeMs now = 1'700'000'000'000;
    ProtocolService service(engine, config, transport, [&] { return now; });
    service.onOpen(1, "10.0.0.1");
    service.onText(1, R"({"id":1,"op":"hello","version":1,"user":"root","password":"p"})");
    const std::vector<std::string> seeds = {
        R"({"id":2,"op":"subscribe","topics":["all","queue:10","agent:1001"]})",
        R"({"id":3,"op":"snapshot","scope":"queue:10"})",
        R"({"id":4,"op":"agent.login","agent":1001,"pin":"1","station":"100","groups":[1]})",
        R"({"id":5,"op":"agent.setState","agent":1001,"state":"ready","nextState":"ready"})",
        R"({"id":6,"op":"agent.setSessionState","agent":1001,"session":1,"state":"ready"})",
        R"({"id":7,"op":"ping"})"};
    std::mt19937 random(7);
    const std::string alphabet = "{}[]\":,0123456789-.eE abcdefghijklmnopqrstuvwxyz\\\x01\xff";
    std::size_t sent = 1;
    for (int i = 0; i < 3000; ++i) {
        std::string text = seeds[random() % seeds.size()];
        int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            std::size_t at = random() % text.size();
            switch (random() % 3) {
            case 0:
                text[at] = alphabet[random() % alphabet.size()];
                break;
            case 1:
                text.erase(at, 1 + random() % 4);
                break;
            default:
                text.insert(at, 1, alphabet[random() % alphabet.size()]);
            }
        }
        now += 10;
        service.onText(1, text);
        ++sent;
        std::vector<core::Effect> effects;
        engine.takeEffects(effects);
        service.onEffects(effects);
    }
    EXPECT_EQ(transport.responses, sent);
    EXPECT_EQ(transport.closes, 0u);
    service.onText(1, R"({"id":99,"op":"ping"})");
    EXPECT_EQ(transport.responses, sent + 1);
}

} // namespace
} // namespace acd::server::test
