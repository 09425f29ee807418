// acd-report: historical reports, configuration import/export, retention and backup over the
// SQLite store. Run without arguments for usage.
#include "db/json_config.h"
#include "db/report.h"
#include "db/sqlite_store.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

using namespace acd::db;

constexpr const char *kUsage =
    "usage: acd-report --db FILE COMMAND [options]\n"
    "\n"
    "reports (times: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z] in UTC, or epoch ms; range [from, to)):\n"
    "  queue-intervals | agent-intervals | queue-daily | agent-daily | queue | agent |\n"
    "  reason-codes | calls | call-summary   --from T --to T [--csv] [--out FILE]\n"
    "configuration:\n"
    "  config-import FILE      replace the stored configuration with a JSON file\n"
    "  config-export [FILE]    write the stored configuration as JSON (stdout by default)\n"
    "maintenance:\n"
    "  purge --days N [--daily-days M] [--batch ROWS]   delete records older than N days\n"
    "                          (daily roll-ups older than M days, default 400)\n"
    "  backup FILE             consistent copy of the live database (VACUUM INTO)\n"
    "  recover                 close call records left open by a crash as 'interrupted'\n";

struct Args {
    std::string db;
    std::string command;
    std::vector<std::string> positional;
    std::string from, to, out;
    bool csv = false;
    int days = -1;
    int dailyDays = 400;
    int batch = 1000;
};

int fail(const std::string &message, int code = 1) {
    std::cerr << "acd-report: " << message << '\n';
    return code;
}

bool parseArgs(int argc, char **argv, Args &a, std::string &error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string &out) {
            if (i + 1 >= argc) {
                error = "option " + arg + " needs a value";
                return false;
            }
            out = argv[++i];
            return true;
        };
        auto number = [&](int &out) {
            std::string text;
            if (!value(text))
                return false;
            char *end = nullptr;
            const long v = std::strtol(text.c_str(), &end, 10);
            if (text.empty() || *end || v < 0 || v > 1000000) {
                error = "option " + arg + ": not a count: '" + text + "'";
                return false;
            }
            out = static_cast<int>(v);
            return true;
        };
        bool ok = true;
        if (arg == "--db")
            ok = value(a.db);
        else if (arg == "--from")
            ok = value(a.from);
        else if (arg == "--to")
            ok = value(a.to);
        else if (arg == "--out")
            ok = value(a.out);
        else if (arg == "--csv")
            a.csv = true;
        else if (arg == "--days")
            ok = number(a.days);
        else if (arg == "--daily-days")
            ok = number(a.dailyDays);
        else if (arg == "--batch")
            ok = number(a.batch);
        else if (arg.rfind("--", 0) == 0) {
            error = "unknown option '" + arg + "'";
            return false;
        } else if (a.command.empty())
            a.command = arg;
        else
            a.positional.push_back(arg);
        if (!ok)
            return false;
    }
    if (a.db.empty() || a.command.empty()) {
        error = "--db FILE and a command are required";
        return false;
    }
    return true;
}

bool fileExists(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

acd::core::TimeMs nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int writeOutput(const std::string &text, const std::string &path) {
    if (path.empty()) {
        std::cout << text;
        return 0;
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out)
        return fail("cannot write '" + path + "'");
    return 0;
}

int run(const Args &a) {
    const bool creates = a.command == "config-import";
    if (!creates && !fileExists(a.db))
        return fail("database '" + a.db + "' does not exist");
    auto opened = openSqliteStore(a.db);
    if (!opened)
        return fail(opened.status().message());
    Store &store = *opened.value();

    if (auto kind = reportKindFromString(a.command)) {
        if (a.from.empty() || a.to.empty())
            return fail("report " + a.command + " needs --from and --to", 2);
        auto from = parseTime(a.from);
        auto to = parseTime(a.to);
        if (!from)
            return fail("--from: not a time: '" + a.from + "'", 2);
        if (!to)
            return fail("--to: not a time: '" + a.to + "'", 2);
        auto table = store.report(*kind, TimeRange{*from, *to});
        if (!table)
            return fail(table.status().message());
        return writeOutput(a.csv ? table.value().toCsv() : table.value().toText(), a.out);
    }
    if (a.command == "config-import") {
        if (a.positional.size() != 1)
            return fail("config-import needs one FILE", 2);
        std::ifstream in(a.positional[0], std::ios::binary);
        if (!in)
            return fail("cannot read '" + a.positional[0] + "'");
        std::stringstream text;
        text << in.rdbuf();
        ConfigParse parsed = parseConfigJson(text.str());
        if (!parsed.ok()) {
            for (const auto &e : parsed.errors)
                std::cerr << a.positional[0] << ": " << e << '\n';
            return fail(std::to_string(parsed.errors.size()) + " error(s); nothing imported");
        }
        if (Status s = store.saveConfig(parsed.config); !s)
            return fail(s.message());
        std::cerr << "imported " << parsed.config.queues.size() << " queues, "
                  << parsed.config.agents.size() << " agents\n";
        return 0;
    }
    if (a.command == "config-export") {
        auto config = store.loadConfig();
        if (!config)
            return fail(config.status().message());
        return writeOutput(toConfigJson(config.value()),
                           a.positional.empty() ? std::string() : a.positional[0]);
    }
    if (a.command == "purge") {
        if (a.days < 0)
            return fail("purge needs --days N", 2);
        const acd::core::TimeMs day = 24LL * 3600 * 1000;
        const acd::core::TimeMs now = nowMs();
        auto report = store.purge(now - a.days * day, now - a.dailyDays * day, a.batch);
        if (!report)
            return fail(report.status().message());
        std::cout << "deleted " << report.value().rowsDeleted << " rows in "
                  << report.value().transactions << " transactions\n";
        return 0;
    }
    if (a.command == "backup") {
        if (a.positional.size() != 1)
            return fail("backup needs one FILE", 2);
        if (Status s = store.backupTo(a.positional[0]); !s)
            return fail(s.message());
        return 0;
    }
    if (a.command == "recover") {
        auto report = store.recover(nowMs());
        if (!report)
            return fail(report.status().message());
        store.markCleanShutdown(nowMs());
        std::cout << "closed " << report.value().interruptedCalls
                  << " open call records as interrupted\n";
        return 0;
    }
    return fail("unknown command '" + a.command + "'\n" + kUsage, 2);
}

} // namespace

int main(int argc, char **argv) {
    Args args;
    std::string error;
    const std::string first = argc > 1 ? argv[1] : "";
    if (argc <= 1 || first == "--help" || first == "-h") {
        std::cout << kUsage;
        return 0;
    }
    if (!parseArgs(argc, argv, args, error))
        return fail(error + "\n" + kUsage, 2);
    return run(args);
}
