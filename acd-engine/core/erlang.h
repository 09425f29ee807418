#pragma once
// Queueing formulas for staffing and for checking the engine against theory
// (../docs/routing.md, "Erlang C and Erlang A"). Rates are per second, times in seconds.
namespace acd::core::erlang {

/// Erlang B blocking probability, by the stable recursion B(k) = A B(k-1) / (k + A B(k-1)).
double erlangB(int agents, double load);
/// Erlang C probability that a call waits (M/M/N, infinite patience). 1 when load >= agents.
double probWait(int agents, double load);
/// Mean wait over all calls, E[W] = C * AHT / (N - A).
double meanWait(int agents, double load, double ahtSeconds);
/// Service level P(W <= t) = 1 - C exp(-(N - A) t / AHT).
double serviceLevel(int agents, double load, double ahtSeconds, double thresholdSeconds);

/// Erlang A (M/M/N+M): exponential patience with mean `patienceSeconds`.
struct ErlangA {
    double probWait;    ///< an arrival finds all agents busy
    double probAbandon; ///< theta * Lq / lambda
    double meanWaitAll; ///< Lq / lambda, over all arrivals (abandoned ones included)
    double meanQueueLength;
};
ErlangA erlangA(int agents, double arrivalRate, double ahtSeconds, double patienceSeconds);

} // namespace acd::core::erlang
