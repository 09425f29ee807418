#include "latency_pairs.h"

namespace acd::load {

void LatencyPairs::start(std::uint64_t call, double atMs)
{
    std::lock_guard lock(m_mutex);
    if (auto early = m_endsFirst.find(call); early != m_endsFirst.end()) {
        m_samples.push_back(early->second - atMs);
        m_endedAt.push_back(early->second);
        m_endsFirst.erase(early);
        return;
    }
    m_starts[call] = atMs;
}

void LatencyPairs::end(std::uint64_t call, double atMs)
{
    std::lock_guard lock(m_mutex);
    if (auto started = m_starts.find(call); started != m_starts.end()) {
        m_samples.push_back(atMs - started->second);
        m_endedAt.push_back(atMs);
        m_starts.erase(started);
        return;
    }
    m_endsFirst.emplace(call, atMs);
}

void LatencyPairs::forget(std::uint64_t call)
{
    std::lock_guard lock(m_mutex);
    m_starts.erase(call);
    m_endsFirst.erase(call);
}

void LatencyPairs::clearSamples()
{
    std::lock_guard lock(m_mutex);
    m_samples.clear();
    m_endedAt.clear();
    // A sample belongs to the window its end falls in: an end already seen (its start still
    // to come, on a lagging supervisor stream) is from before this window, as are the offers
    // the caller counts in it.
    m_endsFirst.clear();
}

std::size_t LatencyPairs::endsAwaitingStart() const
{
    std::lock_guard lock(m_mutex);
    return m_endsFirst.size();
}

std::vector<double> LatencyPairs::samples() const
{
    std::lock_guard lock(m_mutex);
    return m_samples;
}

std::vector<double> LatencyPairs::endedAt() const
{
    std::lock_guard lock(m_mutex);
    return m_endedAt;
}

} // namespace acd::load
