// acd-sim: the ACD core under a virtual clock with generated traffic.
//
//   acd-sim --agents N --arrival-rate R --aht S [--patience P] [--sl-threshold T]
//           [--calls C] [--warmup W] [--seed K] [--strategy NAME]
//           [--service-dist exp|lognormal|fixed] [--scenario FILE.json] [--json]
#include "sim/simulator.h"

#include "core/erlang.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

namespace {

const char *kUsage =
    "usage: acd-sim --agents N --arrival-rate R --aht S [options]\n"
    "       acd-sim --scenario FILE.json [options]\n"
    "  --agents N          identical agents on one queue\n"
    "  --arrival-rate R    calls per second (Poisson)\n"
    "  --aht S             mean handle (talk) time in seconds\n"
    "  --patience P        mean caller patience in seconds (exponential; default: never abandon)\n"
    "  --sl-threshold T    service-level threshold in seconds (default 20)\n"
    "  --calls C           calls to simulate (default 10000)\n"
    "  --warmup W          first W calls left out of the results (default C/10)\n"
    "  --seed K            random seed (default 1)\n"
    "  --strategy NAME     longest-idle, least-occupied, most-skilled, fewest-calls,\n"
    "                      round-robin, random (default longest-idle)\n"
    "  --service-dist D    exp, lognormal or fixed (default exp)\n"
    "  --scenario FILE     several queues, skills and agents (docs/simulator.md)\n"
    "  --json              print one JSON object instead of text\n";

int fail(const std::string &message)
{
    std::cerr << "acd-sim: " << message << "\n" << kUsage;
    return 2;
}

bool toNumber(const std::string &text, double &out)
{
    char *end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && end && *end == '\0';
}

} // namespace

int main(int argc, char **argv)
{
    std::map<std::string, std::string> opts;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") {
            json = true;
        } else if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (arg.rfind("--", 0) == 0 && i + 1 < argc) {
            opts[arg.substr(2)] = argv[++i];
        } else {
            return fail("unexpected argument '" + arg + "'");
        }
    }
    static const char *known[] = {"agents",       "arrival-rate", "aht",     "patience",
                                  "sl-threshold", "calls",        "warmup",  "seed",
                                  "strategy",     "service-dist", "scenario"};
    for (const auto &[key, value] : opts) {
        bool ok = false;
        for (const char *k : known)
            ok = ok || key == k;
        if (!ok)
            return fail("unknown option --" + key);
    }
    auto number = [&](const std::string &key, double fallback, double min, double &out) {
        out = fallback;
        const auto it = opts.find(key);
        if (it == opts.end())
            return true;
        if (!toNumber(it->second, out) || out < min) {
            std::cerr << "acd-sim: --" << key << " must be a number >= " << min << ", got '"
                      << it->second << "'\n";
            return false;
        }
        return true;
    };

    acd::sim::Scenario scenario;
    if (opts.count("scenario")) {
        std::string error;
        if (!acd::sim::loadScenario(opts["scenario"], scenario, error)) {
            std::cerr << "acd-sim: " << error << "\n";
            return 2;
        }
    } else {
        for (const char *required : {"agents", "arrival-rate", "aht"}) {
            if (!opts.count(required))
                return fail(std::string("--") + required + " is required without --scenario");
        }
        double agents, rate, aht, patience, sl;
        if (!number("agents", 0, 1, agents) || !number("arrival-rate", 0, 1e-9, rate)
            || !number("aht", 0, 1e-3, aht) || !number("patience", 0, 0, patience)
            || !number("sl-threshold", 20, 1, sl))
            return 2;
        auto strategy = acd::core::strategyFromString(opts.count("strategy") ? opts["strategy"]
                                                                             : "longest-idle");
        if (!strategy)
            return fail("unknown strategy '" + opts["strategy"] + "'");
        scenario = acd::sim::singleQueueScenario(static_cast<int>(agents), rate, aht, patience, sl,
                                                 *strategy);
    }
    double calls, warmup, seed;
    if (!number("calls", static_cast<double>(scenario.calls), 1, calls))
        return 2;
    if (!number("warmup", opts.count("calls") ? calls / 10 : scenario.warmupCalls, 0, warmup)
        || !number("seed", static_cast<double>(scenario.seed), 0, seed))
        return 2;
    scenario.calls = static_cast<std::uint64_t>(calls);
    scenario.warmupCalls = static_cast<std::uint64_t>(warmup);
    scenario.seed = static_cast<std::uint64_t>(seed);
    if (opts.count("service-dist")) {
        const std::string d = opts["service-dist"];
        if (d == "exp")
            scenario.serviceDistribution = acd::sim::ServiceDistribution::Exponential;
        else if (d == "lognormal")
            scenario.serviceDistribution = acd::sim::ServiceDistribution::Lognormal;
        else if (d == "fixed")
            scenario.serviceDistribution = acd::sim::ServiceDistribution::Fixed;
        else
            return fail("unknown --service-dist '" + d + "' (exp, lognormal or fixed)");
    }
    if (scenario.warmupCalls >= scenario.calls)
        return fail("--warmup must be smaller than --calls");

    try {
        acd::sim::Simulator sim(scenario);
        const acd::sim::SimResult result = sim.run();
        std::cout << (json ? acd::sim::toJson(result) + "\n" : acd::sim::toText(result));
        if (!json && !opts.count("scenario")) {
            // What queueing theory predicts for the same single queue, for comparison.
            const auto &t = scenario.traffic.front();
            const int agents = scenario.agents.front().count;
            const double load = t.arrivalRate * t.ahtSeconds;
            std::cout << "theory:                ";
            if (t.patienceSeconds > 0) {
                const auto a = acd::core::erlang::erlangA(agents, t.arrivalRate, t.ahtSeconds,
                                                          t.patienceSeconds);
                std::cout << "Erlang A: P(wait) " << a.probWait << ", abandon rate "
                          << a.probAbandon << ", mean wait of all callers " << a.meanWaitAll
                          << " s\n";
            } else if (load < agents) {
                std::cout << "Erlang C: P(wait) " << acd::core::erlang::probWait(agents, load)
                          << ", ASA " << acd::core::erlang::meanWait(agents, load, t.ahtSeconds)
                          << " s, service level "
                          << acd::core::erlang::serviceLevel(agents, load, t.ahtSeconds,
                                                             scenario.serviceLevelSeconds)
                          << ", occupancy " << load / agents << "\n";
            } else {
                std::cout << "Erlang C: offered load " << load << " Erlang >= " << agents
                          << " agents: the queue grows without bound\n";
            }
        }
    } catch (const std::exception &e) {
        std::cerr << "acd-sim: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
