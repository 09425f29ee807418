// The `tapi` op of the protocol against the real acd-engine (sim provider): argument
// validation naming the key, handles of another connection refused, synchronous outputs in
// the response, asynchronous ones with the LINE_REPLY event after the response, agent-role
// limits. Loopback, ephemeral ports, bounded waits.
#include "engine_process.h"
#include "protocol_client.h"

#include "tapi.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace acd::server::test {
namespace {

const char *const kContactCenter = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "sales-team", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "wrapUpSeconds": 0,
                "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
              { "id": 1002, "name": "Bob", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "routePoints": [ { "address": "9000", "queue": 10 } ],
  "users": [ { "name": "alice", "role": "agent", "password": "s3cret", "agent": 1001 },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

std::string decode(const std::string &text)
{
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::ostringstream out;
    out << decoder.rdbuf();
    return out.str();
}

std::string encode(const std::string &bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

DWORD dwordAt(const std::string &bytes, std::size_t offset)
{
    DWORD v = 0;
    if (offset + 4 <= bytes.size())
        std::memcpy(&v, bytes.data() + offset, 4);
    return v;
}

class RemoteTapiProtocol : public ::testing::Test {
protected:
    void SetUp() override
    {
        contactCenter = tempPath("cc.json");
        database = tempPath("acd.db");
        conf = tempPath("acd.conf");
        std::ofstream(contactCenter) << kContactCenter;
        std::ofstream(conf) << "[engine]\nlisten = 127.0.0.1:0\nexternal-proxy-lines = 103"
                            << "\ndatabase = " << database << "\ncontact-center = " << contactCenter
                            << "\n\n[provider sim]\nlibrary = " TSP_SIM_PATH
                               "\nconfig = stations=100-103;routepoints=9000-9000\n\n"
                               "[log]\nlevel = warning\n";
        engine = std::make_unique<EngineProcess>(std::vector<std::string>{"--config", conf});
        ASSERT_TRUE(engine->running()) << engine->errors();
    }
    void TearDown() override
    {
        engine.reset();
        for (const std::string &p :
             {contactCenter, database, conf, database + "-wal", database + "-shm"})
            std::filesystem::remove(p);
    }

    std::unique_ptr<ProtocolClient> login(const std::string &user, const std::string &password)
    {
        auto c = std::make_unique<ProtocolClient>(engine->port());
        EXPECT_TRUE(c->connected());
        EXPECT_EQ(codeOf(c->request(R"("op":"hello","version":1,"user":")" + user
                                    + R"(","password":")" + password + "\"")),
                  "ok");
        return c;
    }

    /// {"op":"tapi","fn":fn,"args":args}: the response.
    static Poco::JSON::Object::Ptr tapi(ProtocolClient &c, const std::string &fn,
                                        const std::string &args)
    {
        return c.request(R"("op":"tapi","fn":")" + fn + R"(","args":)" + args);
    }
    static Poco::JSON::Object::Ptr resultOf(const Poco::JSON::Object::Ptr &response)
    {
        return response && response->getValue<bool>("ok") ? response->getObject("result") : nullptr;
    }
    static std::string fieldOf(const Poco::JSON::Object::Ptr &response)
    {
        if (!response || response->getValue<bool>("ok"))
            return "";
        return response->getObject("error")->optValue<std::string>("field", "");
    }

    /// lineInitializeEx + negotiate + lineOpen of device `device` as owner: the hLine.
    DWORD openLine(ProtocolClient &c, DWORD &app, DWORD device)
    {
        auto init = resultOf(
            tapi(c, "lineInitializeEx",
                 R"({"lpszFriendlyAppName":"t","machineName":"m","dwAPIVersion":131074})"));
        EXPECT_TRUE(init);
        if (!init)
            return 0;
        EXPECT_EQ(init->getValue<int>("ret"), 0);
        app = init->getValue<DWORD>("hLineApp");
        auto neg = resultOf(tapi(
            c, "lineNegotiateAPIVersion",
            "{\"hLineApp\":" + std::to_string(app) + ",\"dwDeviceID\":" + std::to_string(device)
                + R"(,"dwAPILowVersion":131072,"dwAPIHighVersion":131074,"lpdwAPIVersion":true,"lpExtensionID":true})"));
        EXPECT_TRUE(neg);
        if (!neg)
            return 0;
        EXPECT_EQ(neg->getValue<int>("ret"), 0);
        EXPECT_EQ(neg->getValue<DWORD>("lpdwAPIVersion"), 0x00020002u);
        auto open = resultOf(tapi(
            c, "lineOpen",
            "{\"hLineApp\":" + std::to_string(app) + ",\"dwDeviceID\":" + std::to_string(device)
                + R"(,"lphLine":true,"dwAPIVersion":131074,"dwExtVersion":0,"dwCallbackInstance":77,"dwPrivileges":4,"dwMediaModes":4,"lpCallParams":null})"));
        EXPECT_TRUE(open);
        if (!open)
            return 0;
        EXPECT_EQ(open->getValue<int>("ret"), 0);
        return open->getValue<DWORD>("lphLine");
    }

    std::string contactCenter, database, conf;
    std::unique_ptr<EngineProcess> engine;
};

TEST_F(RemoteTapiProtocol, TapiNeedsAnAuthenticatedSession)
{
    ProtocolClient c(engine->port());
    ASSERT_TRUE(c.connected());
    EXPECT_EQ(
        codeOf(tapi(c, "lineInitializeEx",
                    R"({"lpszFriendlyAppName":"t","machineName":"m","dwAPIVersion":131074})")),
        "unauthenticated");
}

TEST_F(RemoteTapiProtocol, InitializeReportsTheDevicesAndTheVersion)
{
    auto c = login("root", "adm1n");
    auto init =
        resultOf(tapi(*c, "lineInitializeEx",
                      R"({"lpszFriendlyAppName":"t","machineName":"m","dwAPIVersion":131074})"));
    ASSERT_TRUE(init);
    EXPECT_EQ(init->getValue<int>("ret"), 0);
    EXPECT_EQ(init->getValue<DWORD>("dwNumDevs"), 5u); // stations 100-103, route point 9000
    EXPECT_EQ(init->getValue<DWORD>("dwAPIVersion"), 0x00020002u);
    EXPECT_NE(init->getValue<DWORD>("hLineApp"), 0u);
}

TEST_F(RemoteTapiProtocol, BadArgumentsAreBadRequestsNamingTheKey)
{
    auto c = login("root", "adm1n");
    DWORD app = 0;
    DWORD line = openLine(*c, app, 0);
    ASSERT_NE(line, 0u);
    const std::string h = std::to_string(line);
    // unknown function
    auto r = tapi(*c, "lineFrobnicate", "{}");
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "fn");
    // a missing argument
    r = tapi(*c, "lineClose", "{}");
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "args.hLine");
    // an unknown argument
    r = tapi(*c, "lineClose", "{\"hLine\":" + h + ",\"hCall\":1}");
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "args.hCall");
    // wrong types and ranges
    r = tapi(*c, "lineClose", R"({"hLine":"one"})");
    EXPECT_EQ(fieldOf(r), "args.hLine");
    r = tapi(*c, "lineClose", R"({"hLine":4294967296})");
    EXPECT_EQ(fieldOf(r), "args.hLine");
    r = tapi(*c, "lineClose", R"({"hLine":-1})");
    EXPECT_EQ(fieldOf(r), "args.hLine");
    r = tapi(*c, "lineClose", R"({"hLine":true})");
    EXPECT_EQ(fieldOf(r), "args.hLine");
    // not base64
    r = tapi(
        *c, "lineMakeCall",
        "{\"hLine\":" + h
            + R"(,"lphCall":true,"lpszDestAddress":"101","dwCountryCode":0,"lpCallParams":"@@@@"})");
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "args.lpCallParams");
    // dwTotalSize larger than the bytes given (8 bytes: dwTotalSize 4096)
    r = tapi(
        *c, "lineMakeCall",
        "{\"hLine\":" + h
            + R"(,"lphCall":true,"lpszDestAddress":"101","dwCountryCode":0,"lpCallParams":"ABAAAAAAAAA="})");
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "args.lpCallParams");
    // a variable part outside dwTotalSize (LINECALLPARAMS with dwOrigAddressOffset 4000)
    {
        std::string params(sizeof(LINECALLPARAMS), '\0');
        auto *p = reinterpret_cast<LINECALLPARAMS *>(params.data());
        p->dwTotalSize = sizeof(LINECALLPARAMS);
        p->dwOrigAddressSize = 4;
        p->dwOrigAddressOffset = 4000;
        r = tapi(
            *c, "lineMakeCall",
            "{\"hLine\":" + h
                + R"(,"lphCall":true,"lpszDestAddress":"101","dwCountryCode":0,"lpCallParams":")"
                + encode(params) + "\"}");
        EXPECT_EQ(codeOf(r), "bad_request");
        EXPECT_EQ(fieldOf(r), "args.lpCallParams");
        p->dwOrigAddressOffset = 0xFFFFFFFE; // no wrap-around either
        r = tapi(
            *c, "lineMakeCall",
            "{\"hLine\":" + h
                + R"(,"lphCall":true,"lpszDestAddress":"101","dwCountryCode":0,"lpCallParams":")"
                + encode(params) + "\"}");
        EXPECT_EQ(fieldOf(r), "args.lpCallParams");
    }
    // an output structure over 1 MiB
    r = tapi(*c, "lineGetAddressStatus",
             "{\"hLine\":" + h
                 + R"(,"dwAddressID":0,"lpAddressStatus":{"total":1048577},"encoding":"utf8"})");
    EXPECT_EQ(fieldOf(r), "args.lpAddressStatus.total");
    // bytes that do not match dwSize
    r = tapi(*c, "lineAgentSpecific",
             "{\"hLine\":" + h
                 + R"(,"dwAddressID":0,"dwAgentExtensionIDIndex":0,"lpParams":"AAAA","dwSize":8})");
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "args.lpParams");
    // a GUID is 16 bytes
    r = tapi(*c, "lineGetQueueList",
             "{\"hLine\":" + h
                 + R"(,"lpGroupID":"AAAA","lpQueueList":{"total":256},"encoding":"utf8"})");
    EXPECT_EQ(fieldOf(r), "args.lpGroupID");
    // an unknown encoding
    r = tapi(*c, "lineGetAddressStatus",
             "{\"hLine\":" + h
                 + R"(,"dwAddressID":0,"lpAddressStatus":{"total":512},"encoding":"latin1"})");
    EXPECT_EQ(fieldOf(r), "args.encoding");
    // A TAPI error is a result, not a protocol error.
    r = tapi(*c, "lineClose", R"({"hLine":12345678})");
    ASSERT_EQ(codeOf(r), "ok");
    EXPECT_EQ(resultOf(r)->getValue<int>("ret"), LINEERR_INVALLINEHANDLE);
    // The connection still works after all that.
    r = tapi(*c, "lineClose", "{\"hLine\":" + h + "}");
    ASSERT_EQ(codeOf(r), "ok");
    EXPECT_EQ(resultOf(r)->getValue<int>("ret"), 0);
}

TEST_F(RemoteTapiProtocol, HandlesOfAnotherConnectionAreRefused)
{
    auto a = login("root", "adm1n");
    auto b = login("root", "adm1n");
    DWORD appA = 0, appB = 0;
    DWORD lineA = openLine(*a, appA, 0);
    DWORD lineB = openLine(*b, appB, 1);
    ASSERT_NE(lineA, 0u);
    ASSERT_NE(lineB, 0u);
    auto r = resultOf(tapi(*b, "lineClose", "{\"hLine\":" + std::to_string(lineA) + "}"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_INVALLINEHANDLE);
    r = resultOf(tapi(*b, "lineShutdown", "{\"hLineApp\":" + std::to_string(appA) + "}"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_INVALAPPHANDLE);
    r = resultOf(tapi(
        *b, "lineMakeCall",
        "{\"hLine\":" + std::to_string(lineA)
            + R"(,"lphCall":true,"lpszDestAddress":"101","dwCountryCode":0,"lpCallParams":null})"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_INVALLINEHANDLE);
    // A's line is still A's.
    r = resultOf(tapi(*a, "lineClose", "{\"hLine\":" + std::to_string(lineA) + "}"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), 0);
}

TEST_F(RemoteTapiProtocol, SynchronousStructuresComeBackInTheResponse)
{
    auto c = login("root", "adm1n");
    DWORD app = 0;
    ASSERT_NE(openLine(*c, app, 2), 0u);
    auto r = resultOf(tapi(
        *c, "lineGetAddressCaps",
        "{\"hLineApp\":" + std::to_string(app)
            + R"(,"dwDeviceID":2,"dwAddressID":0,"dwAPIVersion":131074,"dwExtVersion":0,"lpAddressCaps":{"total":1024},"encoding":"utf8"})"));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->getValue<int>("ret"), 0);
    std::string caps = decode(r->getValue<std::string>("lpAddressCaps"));
    ASSERT_GE(caps.size(), sizeof(LINEADDRESSCAPS));
    EXPECT_EQ(dwordAt(caps, 0), 1024u);       // dwTotalSize
    EXPECT_EQ(caps.size(), dwordAt(caps, 8)); // dwUsedSize bytes
    DWORD size = dwordAt(caps, offsetof(LINEADDRESSCAPS, dwAddressSize));
    DWORD offset = dwordAt(caps, offsetof(LINEADDRESSCAPS, dwAddressOffset));
    ASSERT_EQ(size, 4u);
    EXPECT_EQ(caps.substr(offset, 3), "102");
    // Too small: STRUCTURETOOSMALL with dwNeededSize.
    r = resultOf(tapi(
        *c, "lineGetAddressCaps",
        "{\"hLineApp\":" + std::to_string(app)
            + R"(,"dwDeviceID":2,"dwAddressID":0,"dwAPIVersion":131074,"dwExtVersion":0,"lpAddressCaps":{"total":16},"encoding":"utf8"})"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_STRUCTURETOOSMALL);
    std::string small = decode(r->getValue<std::string>("lpAddressCaps"));
    EXPECT_GE(dwordAt(small, 4), sizeof(LINEADDRESSCAPS));
}

TEST_F(RemoteTapiProtocol, AsynchronousOutputsComeWithTheLineReplyAfterTheResponse)
{
    auto c = login("root", "adm1n");
    DWORD app = 0;
    DWORD line = openLine(*c, app, 0);
    ASSERT_NE(line, 0u);
    auto response = tapi(*c, "lineCreateAgent",
                         "{\"hLine\":" + std::to_string(line)
                             + R"(,"lpszAgentID":"1001","lpszAgentPIN":"1234","lphAgent":true})");
    auto r = resultOf(response);
    ASSERT_TRUE(r);
    const int id = r->getValue<int>("ret");
    ASSERT_GT(id, 0);
    EXPECT_FALSE(r->has("lphAgent")); // not yet: it comes with LINE_REPLY
    auto isReply = [id](const Poco::JSON::Object &e) {
        if (e.getValue<std::string>("ev") != "tapi")
            return false;
        auto msg = e.getArray("msg");
        return msg->getElement<int>(1) == LINE_REPLY && msg->getElement<int>(3) == id;
    };
    auto reply = c->waitEvent(isReply);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->getValue<DWORD>("hApp"), app);
    EXPECT_EQ(reply->getArray("msg")->getElement<int>(4), 0);  // success
    EXPECT_EQ(reply->getArray("msg")->getElement<int>(2), 77); // the line's callback instance
    ASSERT_TRUE(reply->has("out"));
    DWORD agent = reply->getObject("out")->getValue<DWORD>("lphAgent");
    EXPECT_GE(agent, 0x1000u); // the built-in proxy's agent handles

    // A structure: the queue's info, base64 of its dwUsedSize bytes.
    r = resultOf(tapi(*c, "lineGetQueueInfo",
                      "{\"hLine\":" + std::to_string(line)
                          + R"(,"dwQueueID":10,"lpQueueInfo":{"total":256}})"));
    ASSERT_TRUE(r);
    const int qid = r->getValue<int>("ret");
    ASSERT_GT(qid, 0);
    auto qreply = c->waitEvent([qid](const Poco::JSON::Object &e) {
        auto msg = e.getArray("msg");
        return e.getValue<std::string>("ev") == "tapi" && msg->getElement<int>(1) == LINE_REPLY
               && msg->getElement<int>(3) == qid;
    });
    ASSERT_TRUE(qreply);
    EXPECT_EQ(qreply->getArray("msg")->getElement<int>(4), 0);
    std::string info = decode(qreply->getObject("out")->getValue<std::string>("lpQueueInfo"));
    EXPECT_EQ(info.size(), sizeof(LINEQUEUEINFO));
    EXPECT_EQ(dwordAt(info, 0), 256u);
    EXPECT_EQ(dwordAt(info, 8), sizeof(LINEQUEUEINFO));
    EXPECT_EQ(dwordAt(info, offsetof(LINEQUEUEINFO, dwTotalCallsQueued)), 0u);
    // Every tapi event carries this connection's seq, without gaps.
    std::uint64_t last = 0;
    for (const auto &e : c->events) {
        std::uint64_t seq = e->getValue<std::uint64_t>("seq");
        EXPECT_EQ(seq, last + 1);
        last = seq;
    }
}

TEST_F(RemoteTapiProtocol, AnAgentUserMayCreateOnlyTheirOwnAgentAndNeedsThePin)
{
    auto c = login("alice", "s3cret");
    DWORD app = 0;
    DWORD line = openLine(*c, app, 0);
    ASSERT_NE(line, 0u);
    auto r = tapi(*c, "lineCreateAgent",
                  "{\"hLine\":" + std::to_string(line)
                      + R"(,"lpszAgentID":"1002","lpszAgentPIN":"1234","lphAgent":true})");
    EXPECT_EQ(codeOf(r), "forbidden");
    EXPECT_EQ(fieldOf(r), "args.lpszAgentID");
    auto own =
        resultOf(tapi(*c, "lineCreateAgent",
                      "{\"hLine\":" + std::to_string(line)
                          + R"(,"lpszAgentID":"1001","lpszAgentPIN":"9999","lphAgent":true})"));
    ASSERT_TRUE(own);
    const int id = own->getValue<int>("ret");
    ASSERT_GT(id, 0);
    auto reply = c->waitEvent([id](const Poco::JSON::Object &e) {
        auto msg = e.getArray("msg");
        return e.getValue<std::string>("ev") == "tapi" && msg->getElement<int>(1) == LINE_REPLY
               && msg->getElement<int>(3) == id;
    });
    ASSERT_TRUE(reply);
    EXPECT_EQ(static_cast<LONG>(reply->getArray("msg")->getElement<std::uint64_t>(4)),
              static_cast<LONG>(static_cast<DWORD>(LINEERR_INVALPASSWORD)));
    EXPECT_FALSE(reply->has("out"));
}

TEST_F(RemoteTapiProtocol, ClosingTheConnectionShutsItsApplicationsDown)
{
    auto a = login("root", "adm1n");
    DWORD appA = 0;
    ASSERT_NE(openLine(*a, appA, 0), 0u);
    a.reset(); // the connection closes: the engine drops the client
    auto b = login("root", "adm1n");
    DWORD appB = 0;
    // The device can be opened again as owner and the engine still answers.
    EXPECT_NE(openLine(*b, appB, 0), 0u);
    auto r = resultOf(tapi(*b, "lineShutdown", "{\"hLineApp\":" + std::to_string(appA) + "}"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_INVALAPPHANDLE);
}

TEST_F(RemoteTapiProtocol, AProxyRequestGoesOutWithItsBytesAndTheAnswerIsValidatedByKey)
{
    auto proxy = login("root", "adm1n");
    auto client = login("root", "adm1n");
    // The proxy: open 103 (handed to external proxies) with LINEOPENOPTION_PROXY for
    // GETAGENTSTATUS, the type list in LINECALLPARAMS DevSpecific.
    auto init =
        resultOf(tapi(*proxy, "lineInitializeEx",
                      R"({"lpszFriendlyAppName":"p","machineName":"m","dwAPIVersion":131074})"));
    ASSERT_TRUE(init);
    DWORD app = init->getValue<DWORD>("hLineApp");
    ASSERT_TRUE(resultOf(tapi(
        *proxy, "lineNegotiateAPIVersion",
        "{\"hLineApp\":" + std::to_string(app)
            + R"(,"dwDeviceID":3,"dwAPILowVersion":131072,"dwAPIHighVersion":131074,"lpdwAPIVersion":true,"lpExtensionID":true})")));
    std::string params(sizeof(LINECALLPARAMS) + 4, '\0');
    auto *p = reinterpret_cast<LINECALLPARAMS *>(params.data());
    p->dwTotalSize = static_cast<DWORD>(params.size());
    p->dwDevSpecificSize = 4;
    p->dwDevSpecificOffset = sizeof(LINECALLPARAMS);
    DWORD type = LINEPROXYREQUEST_GETAGENTSTATUS;
    std::memcpy(params.data() + sizeof(LINECALLPARAMS), &type, 4);
    auto open = resultOf(tapi(
        *proxy, "lineOpen",
        "{\"hLineApp\":" + std::to_string(app)
            + R"(,"dwDeviceID":3,"lphLine":true,"dwAPIVersion":131074,"dwExtVersion":0,"dwCallbackInstance":5,"dwPrivileges":1073741825,"dwMediaModes":0,"lpCallParams":")"
            + encode(params) + "\"}"));
    ASSERT_TRUE(open);
    ASSERT_EQ(open->getValue<int>("ret"), 0);
    DWORD proxyLine = open->getValue<DWORD>("lphLine");

    DWORD clientApp = 0;
    DWORD clientLine = openLine(*client, clientApp, 3);
    ASSERT_NE(clientLine, 0u);
    auto asked = resultOf(
        tapi(*client, "lineGetAgentStatus",
             "{\"hLine\":" + std::to_string(clientLine)
                 + R"(,"dwAddressID":0,"lpAgentStatus":{"total":200},"encoding":"utf8"})"));
    ASSERT_TRUE(asked);
    const int id = asked->getValue<int>("ret");
    ASSERT_GT(id, 0);

    auto request = proxy->waitEvent([](const Poco::JSON::Object &e) {
        return e.getValue<std::string>("ev") == "tapi"
               && e.getArray("msg")->getElement<int>(1) == LINE_PROXYREQUEST;
    });
    ASSERT_TRUE(request);
    EXPECT_EQ(request->getArray("msg")->getElement<DWORD>(0), proxyLine);
    EXPECT_EQ(request->getArray("msg")->getElement<int>(3), 0); // no engine pointer goes out
    auto pr = request->getObject("proxyRequest");
    const std::uint64_t key = pr->getValue<std::uint64_t>("key");
    std::string bytes = decode(pr->getValue<std::string>("bytes"));
    ASSERT_GE(bytes.size(), sizeof(LINEPROXYREQUEST));
    EXPECT_EQ(dwordAt(bytes, 0), bytes.size());
    EXPECT_EQ(dwordAt(bytes, offsetof(LINEPROXYREQUEST, dwRequestType)),
              static_cast<DWORD>(LINEPROXYREQUEST_GETAGENTSTATUS));
    const std::size_t status = offsetof(LINEPROXYREQUEST, GetAgentStatus.AgentStatus);
    EXPECT_EQ(dwordAt(bytes, status), 200u); // the client's dwTotalSize

    auto answer = [&](std::uint64_t k, const std::string &b) {
        return tapi(*proxy, "lineProxyResponse",
                    "{\"hLine\":" + std::to_string(proxyLine) + R"(,"lpProxyRequest":{"key":)"
                        + std::to_string(k) + R"(,"bytes":")" + encode(b) + R"("},"dwResult":0})");
    };
    // Not the request's size, or its type changed: bad_request naming the bytes.
    auto r = answer(key, bytes.substr(0, bytes.size() - 4));
    EXPECT_EQ(codeOf(r), "bad_request");
    EXPECT_EQ(fieldOf(r), "args.lpProxyRequest.bytes");
    std::string retyped = bytes;
    DWORD other = LINEPROXYREQUEST_GETAGENTCAPS;
    std::memcpy(retyped.data() + offsetof(LINEPROXYREQUEST, dwRequestType), &other, 4);
    EXPECT_EQ(fieldOf(answer(key, retyped)), "args.lpProxyRequest.bytes");
    // A key this connection never got: LINEERR_INVALPOINTER, as for a stale pointer.
    r = answer(key + 100, bytes);
    ASSERT_EQ(codeOf(r), "ok");
    EXPECT_EQ(resultOf(r)->getValue<int>("ret"), LINEERR_INVALPOINTER);

    DWORD v = sizeof(LINEAGENTSTATUS);
    std::memcpy(bytes.data() + status + 4, &v, 4); // dwNeededSize
    std::memcpy(bytes.data() + status + 8, &v, 4); // dwUsedSize
    DWORD ready = LINEAGENTSTATE_READY;
    std::memcpy(bytes.data() + status + offsetof(LINEAGENTSTATUS, dwState), &ready, 4);
    r = answer(key, bytes);
    ASSERT_EQ(codeOf(r), "ok");
    EXPECT_EQ(resultOf(r)->getValue<int>("ret"), 0);
    // Answered: the key is gone.
    EXPECT_EQ(resultOf(answer(key, bytes))->getValue<int>("ret"), LINEERR_INVALPOINTER);

    auto reply = client->waitEvent([id](const Poco::JSON::Object &e) {
        auto msg = e.getArray("msg");
        return e.getValue<std::string>("ev") == "tapi" && msg->getElement<int>(1) == LINE_REPLY
               && msg->getElement<int>(3) == id;
    });
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->getArray("msg")->getElement<int>(4), 0);
    std::string agentStatus =
        decode(reply->getObject("out")->getValue<std::string>("lpAgentStatus"));
    EXPECT_EQ(agentStatus.size(), sizeof(LINEAGENTSTATUS));
    EXPECT_EQ(dwordAt(agentStatus, 0), 200u);
    EXPECT_EQ(dwordAt(agentStatus, offsetof(LINEAGENTSTATUS, dwState)),
              static_cast<DWORD>(LINEAGENTSTATE_READY));
}

TEST_F(RemoteTapiProtocol, AnAgentUserMayUseOnlyTheAgentHandlesItCreated)
{
    // root creates Bob's agent; alice (an agent user) may not drive Bob through his handle.
    auto root = login("root", "adm1n");
    DWORD rootApp = 0;
    DWORD rootLine = openLine(*root, rootApp, 1);
    ASSERT_NE(rootLine, 0u);
    auto created =
        resultOf(tapi(*root, "lineCreateAgent",
                      "{\"hLine\":" + std::to_string(rootLine)
                          + R"(,"lpszAgentID":"1002","lpszAgentPIN":"1234","lphAgent":true})"));
    ASSERT_TRUE(created);
    const int id = created->getValue<int>("ret");
    auto reply = root->waitEvent([id](const Poco::JSON::Object &e) {
        auto msg = e.getArray("msg");
        return e.getValue<std::string>("ev") == "tapi" && msg->getElement<int>(1) == LINE_REPLY
               && msg->getElement<int>(3) == id;
    });
    ASSERT_TRUE(reply);
    const DWORD bob = reply->getObject("out")->getValue<DWORD>("lphAgent");

    auto alice = login("alice", "s3cret");
    DWORD app = 0;
    DWORD line = openLine(*alice, app, 0);
    ASSERT_NE(line, 0u);
    auto r =
        resultOf(tapi(*alice, "lineSetAgentStateEx",
                      "{\"hLine\":" + std::to_string(line) + ",\"hAgent\":" + std::to_string(bob)
                          + R"(,"dwAgentState":64,"dwNextAgentState":0})"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_INVALAGENTID);
    r = resultOf(tapi(
        *alice, "lineSetAgentSessionState",
        "{\"hLine\":" + std::to_string(line)
            + R"(,"hAgentSession":8192,"dwAgentSessionState":1,"dwNextAgentSessionState":0})"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->getValue<int>("ret"), LINEERR_INVALPARAM);
    // Nor may an agent user register as a proxy.
    auto open = tapi(
        *alice, "lineOpen",
        "{\"hLineApp\":" + std::to_string(app)
            + R"(,"dwDeviceID":3,"lphLine":true,"dwAPIVersion":131074,"dwExtVersion":0,"dwCallbackInstance":0,"dwPrivileges":1073741825,"dwMediaModes":0,"lpCallParams":null})");
    EXPECT_EQ(codeOf(open), "forbidden");
    EXPECT_EQ(fieldOf(open), "args.dwPrivileges");
    // The handle alice's own lineCreateAgent returned works.
    auto own =
        resultOf(tapi(*alice, "lineCreateAgent",
                      "{\"hLine\":" + std::to_string(line)
                          + R"(,"lpszAgentID":"1001","lpszAgentPIN":"1234","lphAgent":true})"));
    ASSERT_TRUE(own);
    const int ownId = own->getValue<int>("ret");
    auto ownReply = alice->waitEvent([ownId](const Poco::JSON::Object &e) {
        auto msg = e.getArray("msg");
        return e.getValue<std::string>("ev") == "tapi" && msg->getElement<int>(1) == LINE_REPLY
               && msg->getElement<int>(3) == ownId;
    });
    ASSERT_TRUE(ownReply);
    const DWORD mine = ownReply->getObject("out")->getValue<DWORD>("lphAgent");
    EXPECT_NE(mine, bob);
    r = resultOf(tapi(*alice, "lineSetAgentMeasurementPeriod",
                      "{\"hLine\":" + std::to_string(line) + ",\"hAgent\":" + std::to_string(mine)
                          + R"(,"dwMeasurementPeriod":1800})"));
    ASSERT_TRUE(r);
    EXPECT_GT(r->getValue<int>("ret"), 0);
}

} // namespace
} // namespace acd::server::test
