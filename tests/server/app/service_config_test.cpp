// The service configuration file: every error names the file, the line and the field.
#include "service_config.h"

#include <gtest/gtest.h>

namespace acd::server::test {
namespace {

std::vector<std::string> errorsOf(const std::string &text)
{
    std::vector<std::string> errors;
    parseServiceConfig(text, "acd.conf", errors);
    return errors;
}

const char *const kValid = R"(# a configured engine
[engine]
listen = 0.0.0.0:7400
database = /var/lib/acd/acd.db
contact-center = /etc/acd/contact-center.json
external-proxy-lines = 4710, 4711

[provider pbx]
library = /usr/lib/acd/libtsp_csta.so
config = host=10.0.0.5;port=1040;stations=4700-4799;routepoints=7000-7009

[log]
level = debug
target = file:/var/log/acd/acd-engine.log

[limits]
max-connections = 8000
heartbeat-ms = 20000
max-messages-per-second = 500
stream-write-ms = 25
)";

TEST(ServiceConfig, AValidFileGivesEveryValue)
{
    std::vector<std::string> errors;
    auto config = parseServiceConfig(kValid, "acd.conf", errors);
    ASSERT_TRUE(config) << errors.front();
    EXPECT_EQ(config->listenHost, "0.0.0.0");
    EXPECT_EQ(config->listenPort, 7400);
    EXPECT_EQ(config->database, "/var/lib/acd/acd.db");
    EXPECT_EQ(config->contactCenter, "/etc/acd/contact-center.json");
    EXPECT_EQ(config->externallyProxiedLines, (std::vector<std::string>{"4710", "4711"}));
    ASSERT_EQ(config->providers.size(), 1u);
    EXPECT_EQ(config->providers[0].name, "pbx");
    EXPECT_EQ(config->providers[0].library, "/usr/lib/acd/libtsp_csta.so");
    EXPECT_EQ(config->providers[0].config,
              "host=10.0.0.5;port=1040;stations=4700-4799;routepoints=7000-7009");
    EXPECT_EQ(config->logLevel, "debug");
    EXPECT_EQ(config->logTarget, "file:/var/log/acd/acd-engine.log");
    EXPECT_EQ(config->maxConnections, 8000u);
    EXPECT_EQ(config->heartbeatMs, 20000);
    EXPECT_EQ(config->maxMessagesPerSecond, 500u);
    EXPECT_EQ(config->streamWriteMs, 25u);
}

TEST(ServiceConfig, AnUnknownKeyNamesFileLineAndField)
{
    EXPECT_EQ(errorsOf("[engine]\nlisten = 127.0.0.1:1\nlisen = x\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{"acd.conf:3: engine.lisen: unknown key 'lisen'"}));
}

TEST(ServiceConfig, AMalformedListenAddressIsNamed)
{
    EXPECT_EQ(errorsOf("[engine]\nlisten = localhost\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{
                  "acd.conf:2: engine.listen: expected HOST:PORT, got 'localhost'"}));
}

TEST(ServiceConfig, AnOutOfRangeLimitIsNamed)
{
    EXPECT_EQ(errorsOf("[limits]\nmax-connections = 0\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{
                  "acd.conf:2: limits.max-connections: expected 1..1000000, got '0'"}));
}

TEST(ServiceConfig, AStreamWriteIntervalBeyondASecondIsNamed)
{
    EXPECT_EQ(errorsOf("[limits]\nstream-write-ms = 1001\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{
                  "acd.conf:2: limits.stream-write-ms: expected 0..1000, got '1001'"}));
}

TEST(ServiceConfig, TheStreamIsPacedEvery10MsUnlessConfigured)
{
    std::vector<std::string> errors;
    auto config = parseServiceConfig("[provider a]\nlibrary = l\n", "acd.conf", errors);
    ASSERT_TRUE(config);
    EXPECT_EQ(config->streamWriteMs, 10u);
}

TEST(ServiceConfig, AnUnknownSectionIsNamed)
{
    EXPECT_EQ(errorsOf("[engines]\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{"acd.conf:1: section: unknown section [engines]"}));
}

TEST(ServiceConfig, ARepeatedKeyNamesTheFirstLine)
{
    EXPECT_EQ(
        errorsOf("[engine]\ndatabase = a\ndatabase = b\n[provider a]\nlibrary = l\n"),
        (std::vector<std::string>{"acd.conf:3: engine.database: repeated (first on line 2)"}));
}

TEST(ServiceConfig, AProviderWithoutALibraryAndNoProviderAtAllAreErrors)
{
    EXPECT_EQ(errorsOf("[provider pbx]\nconfig = x\n"),
              (std::vector<std::string>{"acd.conf: provider pbx.library: missing"}));
    EXPECT_EQ(errorsOf("[engine]\ndatabase = a\n"),
              (std::vector<std::string>{
                  "acd.conf: provider: at least one [provider NAME] section is needed"}));
}

TEST(ServiceConfig, ALineThatIsNotKeyValueIsNamed)
{
    EXPECT_EQ(errorsOf("[engine]\nlisten\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{"acd.conf:2: line: expected 'key = value'"}));
}

TEST(ServiceConfig, TlsNeedsBothCertificateAndKey)
{
    EXPECT_EQ(errorsOf("[tls]\ncertificate = c.pem\n[provider a]\nlibrary = l\n"),
              (std::vector<std::string>{"acd.conf: tls: certificate and key go together"}));
}

TEST(ServiceConfig, AnUnknownLogLevelIsNamed)
{
    EXPECT_EQ(
        errorsOf("[log]\nlevel = loud\n[provider a]\nlibrary = l\n"),
        (std::vector<std::string>{"acd.conf:2: log.level: unknown level 'loud' (fatal .. trace)"}));
}

TEST(ServiceConfig, ListenAcceptsABracketedIpv6HostAndPortZero)
{
    auto listen = parseListen("[::1]:0");
    ASSERT_TRUE(listen);
    EXPECT_EQ(listen->first, "::1");
    EXPECT_EQ(listen->second, 0);
    EXPECT_FALSE(parseListen("host:65536"));
}

} // namespace
} // namespace acd::server::test
