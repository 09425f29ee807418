#include "core/erlang.h"

#include <cmath>
#include <vector>

namespace acd::core::erlang {

double erlangB(int agents, double load)
{
    double b = 1.0;
    for (int k = 1; k <= agents; ++k)
        b = load * b / (k + load * b);
    return b;
}

double probWait(int agents, double load)
{
    if (load >= agents)
        return 1.0;
    const double b = erlangB(agents, load);
    const double rho = load / agents;
    return b / (1.0 - rho * (1.0 - b));
}

double meanWait(int agents, double load, double ahtSeconds)
{
    return probWait(agents, load) * ahtSeconds / (agents - load);
}

double serviceLevel(int agents, double load, double ahtSeconds, double thresholdSeconds)
{
    return 1.0
           - probWait(agents, load) * std::exp(-(agents - load) * thresholdSeconds / ahtSeconds);
}

ErlangA erlangA(int agents, double arrivalRate, double ahtSeconds, double patienceSeconds)
{
    // Birth-death chain: birth lambda, death min(n,N) mu + max(n-N,0) theta. Truncated where
    // the unnormalised probability is negligible; computed with running ratios for stability.
    const double mu = 1.0 / ahtSeconds;
    const double theta = 1.0 / patienceSeconds;
    std::vector<double> p{1.0};
    double sum = 1.0;
    for (int n = 1; n < 100000; ++n) {
        const double death = std::min(n, agents) * mu + std::max(n - agents, 0) * theta;
        const double next = p.back() * arrivalRate / death;
        p.push_back(next);
        sum += next;
        if (n > agents && next < 1e-16 * sum)
            break;
    }
    double waitProb = 0.0;
    double lq = 0.0;
    for (std::size_t n = 0; n < p.size(); ++n) {
        const double pn = p[n] / sum;
        if (static_cast<int>(n) >= agents) {
            waitProb += pn;
            lq += (static_cast<double>(n) - agents) * pn;
        }
    }
    return ErlangA{waitProb, theta * lq / arrivalRate, lq / arrivalRate, lq};
}

} // namespace acd::core::erlang
