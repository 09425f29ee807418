#include "sim/simulator.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <queue>
#include <random>
#include <sstream>
#include <unordered_map>

namespace acd::sim {

using core::CallId;
using core::Effect;
using core::TimeMs;

namespace {

/// Start of simulated time: a Monday 00:00 UTC, on an interval boundary.
constexpr TimeMs kStart = 1'700'438'400'000;
/// A run with nothing left to happen but stuck calls stops after this much quiet time.
constexpr TimeMs kQuietLimitMs = 24LL * 3600 * 1000;

enum class Kind : std::uint8_t { Arrival, Answer, Abandon, Hangup, AgentReady, Login, Logout };

struct Event {
    TimeMs at;
    std::uint64_t seq;
    Kind kind;
    std::uint64_t subject; // traffic index, call id or agent id
    std::uint64_t token;
};

struct Later {
    bool operator()(const Event &a, const Event &b) const
    {
        return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
};

struct SimCall {
    TimeMs arrivedAt = 0;
    bool measured = false; // after warm-up
    bool offered = false;
    bool waited = false;
    bool answered = false;
    bool done = false;
    std::uint64_t answerToken = 0;
};

TimeMs toMs(double seconds)
{
    return static_cast<TimeMs>(std::llround(seconds * 1000.0));
}

} // namespace

class Simulator::Impl {
public:
    explicit Impl(Scenario s)
        : m_scenario(std::move(s))
        , m_rng(m_scenario.seed)
    {}

    SimResult run();
    void setup();
    void schedule(TimeMs at, Kind kind, std::uint64_t subject, std::uint64_t token = 0)
    {
        m_events.push(Event{at, ++m_seq, kind, subject, token});
    }
    void handle(const Event &e);
    void drainEffects();
    void onEffect(const Effect &e);
    double serviceSeconds(double mean);
    double exponential(double mean)
    {
        return std::exponential_distribution<double>(1.0 / mean)(m_rng);
    }
    SimCall &call(CallId id) { return m_calls[id]; }

    Scenario m_scenario;
    core::Engine m_engine;
    std::mt19937_64 m_rng;
    std::priority_queue<Event, std::vector<Event>, Later> m_events;
    std::uint64_t m_seq = 0;
    TimeMs m_now = kStart;
    std::vector<SimCall> m_calls; // by call id (1-based)
    std::uint64_t m_generated = 0;
    std::uint64_t m_finished = 0;
    std::unordered_map<core::AgentId, std::size_t> m_blockOf;
    std::vector<Effect> m_buffer;
    std::function<void(const Effect &)> m_observer;

    // Results.
    SimResult m_r;
    double m_waitAnswered = 0;
    double m_waitAll = 0;
    double m_handle = 0;
    std::uint64_t m_handled = 0;
    TimeMs m_maxWait = 0;
};

double Simulator::Impl::serviceSeconds(double mean)
{
    switch (m_scenario.serviceDistribution) {
    case ServiceDistribution::Exponential:
        return exponential(mean);
    case ServiceDistribution::Fixed:
        return mean;
    case ServiceDistribution::Lognormal: {
        // Mean-preserving: mu = ln(mean) - sigma^2 / 2.
        const double sigma = m_scenario.lognormalSigma;
        const double mu = std::log(mean) - sigma * sigma / 2;
        return std::lognormal_distribution<double>(mu, sigma)(m_rng);
    }
    }
    return mean;
}

void Simulator::Impl::setup()
{
    for (const auto &s : m_scenario.skills)
        m_engine.addSkill(s);
    for (const auto &g : m_scenario.groups)
        m_engine.addGroup(g);
    for (const auto &q : m_scenario.queues) {
        if (core::Status st = m_engine.addQueue(q); !st)
            throw std::runtime_error("scenario: " + st.message());
    }
    if (core::Status st = m_engine.validateReferences(); !st)
        throw std::runtime_error("scenario: " + st.message());
    core::AgentId next = 1;
    for (std::size_t b = 0; b < m_scenario.agents.size(); ++b) {
        const AgentBlock &block = m_scenario.agents[b];
        if (block.firstId != 0)
            next = block.firstId;
        for (int i = 0; i < block.count; ++i, ++next) {
            core::AgentConfig a;
            a.id = next;
            a.name = "sim agent " + std::to_string(next);
            a.skills = block.skills;
            if (core::Status st = m_engine.addAgent(a); !st)
                throw std::runtime_error("scenario: " + st.message());
            m_blockOf[next] = b;
            schedule(kStart + toMs(block.loginAtSeconds), Kind::Login, next);
            if (block.logoutAtSeconds > 0)
                schedule(kStart + toMs(block.logoutAtSeconds), Kind::Logout, next);
        }
    }
    m_calls.resize(m_scenario.calls + 1);
    for (std::size_t t = 0; t < m_scenario.traffic.size(); ++t) {
        if (m_scenario.traffic[t].arrivalRate > 0)
            schedule(kStart + toMs(exponential(1.0 / m_scenario.traffic[t].arrivalRate)),
                     Kind::Arrival, t);
    }
    m_engine.advanceTo(kStart);
}

void Simulator::Impl::onEffect(const Effect &e)
{
    ++m_r.effects;
    if (m_observer)
        m_observer(e);
    if (const auto *o = std::get_if<core::OfferCall>(&e.body)) {
        SimCall &c = call(o->call);
        if (!c.offered) {
            c.offered = true;
            c.waited = m_now > c.arrivedAt;
        }
        const AgentBlock &block = m_scenario.agents[m_blockOf[o->agent]];
        if (block.noAnswerProbability > 0
            && std::uniform_real_distribution<double>(0, 1)(m_rng) < block.noAnswerProbability)
            return; // left to ring: the core's RONA timer decides
        c.answerToken = ++m_seq;
        if (block.ringDelaySeconds <= 0)
            (void)m_engine.callAnswered(o->call, m_now);
        else
            schedule(m_now + toMs(block.ringDelaySeconds), Kind::Answer, o->call, c.answerToken);
    } else if (const auto *rc = std::get_if<core::RetractCall>(&e.body)) {
        call(rc->call).answerToken = 0;
    } else if (const auto *a = std::get_if<core::CallAnswered>(&e.body)) {
        SimCall &c = call(a->call);
        c.answered = true;
        const auto &traffic = m_scenario.traffic;
        double aht = traffic.front().ahtSeconds;
        for (const auto &t : traffic) {
            if (t.queue == a->queue)
                aht = t.ahtSeconds;
        }
        schedule(m_now + toMs(serviceSeconds(aht)), Kind::Hangup, a->call);
    } else if (const auto *d = std::get_if<core::CallCompleted>(&e.body)) {
        SimCall &c = call(d->call);
        ++m_r.totalCompleted;
        if (c.done) {
            ++m_r.duplicateCompletions;
            return;
        }
        c.done = true;
        ++m_finished;
        if (!c.offered)
            c.waited = true;
        if (!c.measured)
            return;
        if (c.waited)
            ++m_r.waited;
        m_maxWait = std::max(m_maxWait, d->waitMs);
        const double wait = d->waitMs / 1000.0;
        switch (d->disposition) {
        case core::Disposition::Answered:
            ++m_r.answered;
            m_waitAnswered += wait;
            m_waitAll += wait;
            if (wait <= m_scenario.serviceLevelSeconds)
                ++m_r.answeredInSl;
            m_handle += (d->talkMs + d->holdMs) / 1000.0;
            ++m_handled;
            break;
        case core::Disposition::Abandoned:
        case core::Disposition::AbandonedRinging:
            ++m_r.abandoned;
            m_waitAll += wait;
            break;
        default:
            ++m_r.disconnected;
            break;
        }
    } else if (const auto *w = std::get_if<core::WrapUpEnded>(&e.body)) {
        if (w->call < m_calls.size() && m_calls[w->call].measured)
            m_handle += w->wrapMs / 1000.0;
    } else if (const auto *s = std::get_if<core::AgentStateChanged>(&e.body)) {
        if (s->forcedBy == "system:rona" || s->forcedBy == "system:offer-failed") {
            ++m_r.rona;
            const AgentBlock &block = m_scenario.agents[m_blockOf[s->agent]];
            schedule(m_now + toMs(block.ronaRecoverySeconds), Kind::AgentReady, s->agent);
        }
    }
}

void Simulator::Impl::drainEffects()
{
    for (;;) {
        m_buffer.clear();
        m_engine.takeEffects(m_buffer);
        if (m_buffer.empty())
            return;
        std::vector<Effect> batch;
        batch.swap(m_buffer);
        for (const Effect &e : batch)
            onEffect(e);
    }
}

void Simulator::Impl::handle(const Event &e)
{
    switch (e.kind) {
    case Kind::Arrival: {
        if (m_generated >= m_scenario.calls)
            return;
        const QueueTraffic &t = m_scenario.traffic[e.subject];
        const CallId id = ++m_generated;
        SimCall &c = call(id);
        c.arrivedAt = m_now;
        c.measured = id > m_scenario.warmupCalls;
        if (c.measured)
            ++m_r.calls;
        ++m_r.totalArrivals;
        if (t.patienceSeconds > 0)
            schedule(m_now + toMs(exponential(t.patienceSeconds)), Kind::Abandon, id);
        core::CallArrival arrival;
        arrival.id = id;
        arrival.queue = t.queue;
        arrival.ani = "sim";
        arrival.priority = t.priority;
        if (core::Status st = m_engine.callArrived(arrival, m_now); !st)
            throw std::runtime_error("arrival refused: " + st.message());
        if (m_generated < m_scenario.calls)
            schedule(m_now + toMs(exponential(1.0 / t.arrivalRate)), Kind::Arrival, e.subject);
        break;
    }
    case Kind::Answer:
        if (call(e.subject).answerToken == e.token && !call(e.subject).done)
            (void)m_engine.callAnswered(e.subject, m_now);
        break;
    case Kind::Abandon:
        if (!call(e.subject).answered && !call(e.subject).done)
            (void)m_engine.callCleared(e.subject, m_now);
        break;
    case Kind::Hangup:
        if (!call(e.subject).done)
            (void)m_engine.callCleared(e.subject, m_now);
        break;
    case Kind::AgentReady: {
        auto a = m_engine.agent(static_cast<core::AgentId>(e.subject));
        if (a && a.value().activity == core::AgentActivity::NotReady)
            (void)m_engine.setAgentState(static_cast<core::AgentId>(e.subject),
                                         core::AgentStateEx::Ready, core::AgentStateEx::None, 0,
                                         m_now);
        break;
    }
    case Kind::Login: {
        const auto id = static_cast<core::AgentId>(e.subject);
        const AgentBlock &block = m_scenario.agents[m_blockOf[id]];
        auto s = m_engine.createSession(id, block.group, "sim-" + std::to_string(id), m_now);
        if (!s)
            throw std::runtime_error("login refused: " + s.status().message());
        (void)m_engine.setSessionState(s.value(), core::SessionState::Ready,
                                       core::SessionState::None, m_now);
        (void)m_engine.setAgentState(id, core::AgentStateEx::Ready, core::AgentStateEx::None, 0,
                                     m_now);
        break;
    }
    case Kind::Logout:
        (void)m_engine.logoutAgent(static_cast<core::AgentId>(e.subject), m_now, "sim:shift-end");
        break;
    }
}

SimResult Simulator::Impl::run()
{
    const auto wallStart = std::chrono::steady_clock::now();
    setup();
    drainEffects();
    TimeMs lastActivity = m_now;
    while (m_generated < m_scenario.calls || m_finished < m_generated) {
        const std::optional<TimeMs> engineDue = m_engine.nextDeadline();
        const bool haveEvent = !m_events.empty();
        if (!haveEvent && (!engineDue || *engineDue - lastActivity > kQuietLimitMs))
            break; // nothing can change any more: calls that remain are stuck
        if (engineDue && (!haveEvent || *engineDue < m_events.top().at)) {
            m_now = *engineDue;
            m_engine.advanceTo(m_now);
        } else {
            const Event e = m_events.top();
            m_events.pop();
            m_now = e.at;
            lastActivity = m_now;
            handle(e);
        }
        drainEffects();
    }
    m_r.simulatedSeconds = (m_now - kStart) / 1000.0;
    const double measured = static_cast<double>(m_r.calls);
    m_r.pWait = measured > 0 ? m_r.waited / measured : 0;
    m_r.asa = m_r.answered > 0 ? m_waitAnswered / m_r.answered : 0;
    const std::uint64_t left = m_r.answered + m_r.abandoned;
    m_r.avgWaitAll = left > 0 ? m_waitAll / left : 0;
    m_r.sl = measured > 0 ? m_r.answeredInSl / measured : 0;
    m_r.abandonRate = measured > 0 ? m_r.abandoned / measured : 0;
    m_r.aht = m_handled > 0 ? m_handle / m_handled : 0;
    m_r.maxWait = m_maxWait / 1000.0;
    TimeMs busy = 0;
    TimeMs avail = 0;
    for (core::AgentId id : m_engine.agentIds()) {
        auto a = m_engine.agent(id);
        busy += a.value().total.ringingMs + a.value().total.onCallMs + a.value().total.wrapUpMs;
        avail += a.value().total.availableMs;
    }
    m_r.occupancy = busy + avail > 0 ? static_cast<double>(busy) / (busy + avail) : 0;
    m_r.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return m_r;
}

Simulator::Simulator(Scenario scenario)
    : m_impl(std::make_unique<Impl>(std::move(scenario)))
{}
Simulator::~Simulator() = default;
SimResult Simulator::run()
{
    return m_impl->run();
}
core::Engine &Simulator::engine()
{
    return m_impl->m_engine;
}
void Simulator::setEffectObserver(std::function<void(const core::Effect &)> observer)
{
    m_impl->m_observer = std::move(observer);
}

std::string toJson(const SimResult &r)
{
    Poco::JSON::Object o;
    o.set("calls", r.calls);
    o.set("answered", r.answered);
    o.set("abandoned", r.abandoned);
    o.set("disconnected", r.disconnected);
    o.set("p_wait", r.pWait);
    o.set("asa", r.asa);
    o.set("avg_wait_all", r.avgWaitAll);
    o.set("sl", r.sl);
    o.set("abandon_rate", r.abandonRate);
    o.set("occupancy", r.occupancy);
    o.set("aht", r.aht);
    o.set("max_wait", r.maxWait);
    o.set("rona", r.rona);
    o.set("simulated_seconds", r.simulatedSeconds);
    o.set("wall_seconds", r.wallSeconds);
    o.set("calls_per_wall_second",
          r.wallSeconds > 0 ? static_cast<double>(r.totalArrivals) / r.wallSeconds : 0.0);
    o.set("effects", r.effects);
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

std::string toText(const SimResult &r)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(4);
    s << "calls (after warm-up)  " << r.calls << "\n"
      << "answered               " << r.answered << "\n"
      << "abandoned              " << r.abandoned << "\n"
      << "disconnected           " << r.disconnected << "\n"
      << "P(wait)                " << r.pWait << "\n"
      << "ASA (s)                " << r.asa << "\n"
      << "service level          " << r.sl << "\n"
      << "abandon rate           " << r.abandonRate << "\n"
      << "occupancy              " << r.occupancy << "\n"
      << "AHT (s)                " << r.aht << "\n"
      << "longest wait (s)       " << r.maxWait << "\n"
      << "simulated time (s)     " << r.simulatedSeconds << "\n"
      << "wall time (s)          " << r.wallSeconds << "\n";
    return s.str();
}

} // namespace acd::sim
