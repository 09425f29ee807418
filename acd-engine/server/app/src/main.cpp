// acd-engine: the ACD engine as a service (Poco ServerApplication).
//
//   acd-engine                      the embedded demo (sim switch, traffic, simulated agents)
//   acd-engine --config FILE        a configured engine (docs/admin-guide.md)
//   acd-engine --check-config --config FILE
//                                   validate and exit (0 valid, 2 errors naming file:line:field)
//   options: --listen HOST:PORT, --db FILE, --help
#include "demo.h"
#include "acd/net/ws_server.h"
#include "engine_service.h"
#include "service_config.h"

#include "acd/tapi/host.h"
#include "db/json_config.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SyslogChannel.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

namespace acd::server {
namespace {

constexpr int kExitConfig = 2;

class EngineApp : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet &options) override
    {
        ServerApplication::defineOptions(options);
        options.addOption(Poco::Util::Option("help", "h", "show the options and exit"));
        options.addOption(Poco::Util::Option("config", "c", "the service configuration file")
                              .argument("FILE"));
        options.addOption(Poco::Util::Option("listen", "l", "listen on HOST:PORT (port 0: any)")
                              .argument("HOST:PORT"));
        options.addOption(Poco::Util::Option("db", "d", "the SQLite database file")
                              .argument("FILE"));
        options.addOption(Poco::Util::Option("check-config", "",
                                             "validate the configuration and exit"));
    }

    void handleOption(const std::string &name, const std::string &value) override
    {
        ServerApplication::handleOption(name, value);
        if (name == "help")
            m_help = true;
        else if (name == "config")
            m_configFile = value;
        else if (name == "listen")
            m_listen = value;
        else if (name == "db")
            m_database = value;
        else if (name == "check-config")
            m_checkOnly = true;
    }

    int main(const std::vector<std::string> &args) override
    {
        if (m_help) {
            Poco::Util::HelpFormatter help(options());
            help.setCommand(commandName());
            help.setUsage("[--config FILE] [--listen HOST:PORT] [--db FILE] [--check-config]");
            help.setHeader("The ACD engine: TAPI 2.2 call center server. With no --config it "
                           "runs the embedded demo.");
            help.format(std::cout);
            return EXIT_OK;
        }
        if (!args.empty()) {
            std::cerr << "acd-engine: unexpected argument '" << args.front() << "' (see --help)\n";
            return EXIT_USAGE;
        }
        ServiceConfig config;
        std::vector<std::string> errors;
        if (m_configFile.empty()) {
            config = demoServiceConfig();
        } else if (auto read = readServiceConfig(m_configFile, errors)) {
            config = *read;
        }
        if (!m_listen.empty()) {
            if (auto listen = parseListen(m_listen))
                std::tie(config.listenHost, config.listenPort) = *listen;
            else
                errors.push_back("--listen: expected HOST:PORT, got '" + m_listen + "'");
        }
        if (!m_database.empty())
            config.database = m_database;
        if (errors.empty() && !config.contactCenter.empty())
            checkContactCenter(config.contactCenter, errors);
        if (errors.empty() && m_checkOnly && !config.tlsCertificate.empty()) {
            // The same loading the start does, so a bad certificate shows before a restart.
            if (std::string why; !acd::net::checkTlsFiles(config.tlsCertificate, config.tlsKey, why))
                errors.push_back((m_configFile.empty() ? std::string("--config") : m_configFile)
                                 + ": [tls]: " + why);
        }
        if (!errors.empty()) {
            for (const std::string &e : errors)
                std::cerr << e << '\n';
            return kExitConfig;
        }
        if (m_checkOnly) {
            std::cout << (m_configFile.empty() ? "the demo configuration" : m_configFile)
                      << ": valid\n";
            return EXIT_OK;
        }
        if (config.database.empty()) {
            std::cerr << (m_configFile.empty() ? std::string("--db") : m_configFile)
                      << ": engine.database: missing\n";
            return kExitConfig;
        }
        // Every thread the service starts inherits this mask, so SIGINT/SIGTERM reach only
        // the main thread's waitForTerminationRequest (sigwait) and stop the engine cleanly.
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGINT);
        sigaddset(&stopSignals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
        Poco::Logger &log = setUpLogging(config);
        EngineService service(config, log);
        if (config.demo)
            service.setSeed(demoContactCenter());
        std::string error;
        if (!service.start(error)) {
            log.fatal("cannot start: %s", error);
            std::cerr << "acd-engine: " << error << '\n';
            return EXIT_SOFTWARE;
        }
        // Tests and scripts read the bound port from this line (--listen HOST:0).
        std::cout << "acd-engine: listening on " << config.listenHost << ':' << service.port()
                  << std::endl;
        if (config.demo) {
            service.host().loop().invoke([&] { loginDemoAgents(service.host()); });
            printDemoBanner(config, service.port());
        }
        waitForTerminationRequest(); // SIGINT, SIGTERM
        log.information("stopping");
        service.stop();
        return EXIT_OK;
    }

private:
    static void checkContactCenter(const std::string &path, std::vector<std::string> &errors)
    {
        std::ifstream in(path);
        if (!in) {
            errors.push_back(path + ": cannot be read");
            return;
        }
        std::stringstream text;
        text << in.rdbuf();
        db::ConfigParse parsed = db::parseConfigJson(text.str(), 1000);
        for (const std::string &e : parsed.errors)
            errors.push_back(path + ": " + e);
    }

    Poco::Logger &setUpLogging(const ServiceConfig &config)
    {
        Poco::AutoPtr<Poco::Channel> sink;
        if (config.logTarget == "syslog")
            sink = new Poco::SyslogChannel("acd-engine");
        else if (config.logTarget.rfind("file:", 0) == 0) {
            auto *file = new Poco::FileChannel(config.logTarget.substr(5));
            sink = file; // owns it from here
            file->setProperty("rotation", "10 M");
            file->setProperty("archive", "timestamp");
            file->setProperty("purgeCount", "10");
        } else
            sink = new Poco::ConsoleChannel(std::cerr);
        Poco::AutoPtr<Poco::PatternFormatter> format =
            new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i %p %s: %t");
        Poco::AutoPtr<Poco::FormattingChannel> channel = new Poco::FormattingChannel(format, sink);
        Poco::Logger::root().setChannel(channel);
        Poco::Logger::root().setLevel(config.logLevel);
        return Poco::Logger::get("acd.engine");
    }

    static void printDemoBanner(const ServiceConfig &config, std::uint16_t port)
    {
        std::cout << "acd-engine demo: listening on ws://" << config.listenHost << ':' << port
                  << "/acd/v1 (health: http://" << config.listenHost << ':' << port
                  << "/health, metrics: /metrics)\n"
                  << "  sim switch: route points 9000 (sales) and 9001 (support) get generated "
                     "calls;\n  simulated agents 1003-1006 answer at stations 110-113; stations "
                     "100-109 are free\n  database: "
                  << config.database << "\n  demo logins (user / password):\n";
        for (const DemoLogin &l : demoLogins())
            std::cout << "    " << l.user << " / " << l.password << "  (" << l.role << ": "
                      << l.detail << ")\n";
        std::cout << "Stop with Ctrl-C." << std::endl;
    }

    bool m_help = false;
    bool m_checkOnly = false;
    std::string m_configFile;
    std::string m_listen;
    std::string m_database;
};

} // namespace
} // namespace acd::server

POCO_SERVER_MAIN(acd::server::EngineApp)
