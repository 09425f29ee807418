// supervisor-console-bench: how fast the console's models and views follow a large floor.
// Generates a snapshot of Q queues and A agents and a recorded-style event stream of C calls/s
// (every call: queued, offered, answered, completed, wrap-up, with the engine's queue.changed,
// agent.state and the coalesced queue.stats/agent.stats), replays it in 10 ms ticks as JSON
// text (parsed like ProtocolClient does), with the wallboard and the agents grid on screen
// (offscreen platform unless one is set). Reports event-to-screen latency (event applied ->
// end of the paint that shows it) and the process's CPU.
//   build/bin/supervisor-console-bench [--queues 100] [--agents 5000] [--calls 500] [--seconds 10]
#include "supmodels/agent_filter.h"
#include "supmodels/floor_state.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTableView>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <deque>

using namespace acd::sup;

namespace {

class TimedView : public QTableView {
public:
    std::function<void()> onPainted;

protected:
    void paintEvent(QPaintEvent *e) override
    {
        QTableView::paintEvent(e);
        if (onPainted)
            onPainted();
    }
};

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

QJsonObject counters(qint64 n)
{
    return {{"offered", n},         {"answered", n},      {"answeredInSl", n * 4 / 5},
            {"abandoned", n / 20},  {"handled", n},       {"waitAnsweredMs", n * 9000},
            {"talkMs", n * 180000}, {"wrapMs", n * 10000}};
}

QJsonObject queueObject(int id, int waiting, qint64 n)
{
    return {{"id", id},
            {"name", QStringLiteral("queue-%1").arg(id)},
            {"waiting", waiting},
            {"ringing", 1},
            {"longestWaitMs", waiting * 1000},
            {"agentsStaffed", 50},
            {"agentsAvailable", 10},
            {"agentsOnCall", 30},
            {"agentsWrapUp", 5},
            {"agentsNotReady", 5},
            {"total", counters(n)},
            {"interval", counters(n / 10)},
            {"period", counters(n / 5)}};
}

QJsonObject agentObject(int id, const QString &activity, qint64 n)
{
    return {{"id", id},
            {"name", QStringLiteral("Agent %1").arg(id)},
            {"state", activity == "available" ? "ready" : "busy-acd"},
            {"activity", activity},
            {"reason", 0},
            {"activitySince", 0},
            {"currentCall", 0},
            {"total", QJsonObject{{"answered", n}, {"handled", n}}}};
}

QByteArray text(const char *ev, qint64 eseq, qint64 at, QJsonObject o)
{
    o.insert("ev", QString::fromLatin1(ev));
    o.insert("eseq", eseq);
    o.insert("at", at);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    QCommandLineOption oq("queues", "queues", "n", "100"), oa("agents", "agents", "n", "5000"),
        oc("calls", "calls per second", "n", "500"), os("seconds", "duration", "s", "10");
    p.addOptions({oq, oa, oc, os});
    p.process(app);
    const int queues = p.value(oq).toInt(), agents = p.value(oa).toInt();
    const int callsPerSecond = p.value(oc).toInt(), seconds = p.value(os).toInt();
    const int ticks = seconds * 100;

    // The stream, generated up front (not measured): per 10 ms tick, the events' JSON text.
    std::vector<std::vector<QByteArray>> stream(size_t(ticks) + 1);
    QRandomGenerator rng(42);
    qint64 eseq = 1000;
    const qint64 t0 = 1795000000000;
    std::vector<int> freeAgents;
    for (int a = 0; a < agents; ++a)
        freeAgents.push_back(1001 + a);
    struct Pending {
        int tick;
        int agent;
    };
    std::deque<Pending> release; // agents back to available at a tick
    std::vector<qint64> handled(size_t(agents) + 1, 0);
    std::vector<qint64> queueCalls(size_t(queues) + 1, 0);
    qint64 callId = 1;
    size_t events = 0;
    for (int tick = 0; tick < ticks; ++tick) {
        auto &out = stream[size_t(tick)];
        const qint64 at = t0 + tick * 10;
        std::vector<bool> queueTouched(size_t(queues) + 1, false);
        std::vector<int> agentsTouched;
        while (!release.empty() && release.front().tick <= tick) {
            const int a = release.front().agent;
            release.pop_front();
            out.push_back(
                text("agent.state", ++eseq, at,
                     {{"agent", a}, {"state", "ready"}, {"activity", "available"}, {"reason", 0}}));
            freeAgents.push_back(a);
            agentsTouched.push_back(a);
        }
        const int arrivals =
            callsPerSecond / 100 + (rng.bounded(100) < callsPerSecond % 100 ? 1 : 0);
        for (int c = 0; c < arrivals && !freeAgents.empty(); ++c) {
            const qint64 id = callId++;
            const int q = 1 + int(rng.bounded(queues));
            const size_t pick = rng.bounded(quint32(freeAgents.size()));
            const int a = freeAgents[pick];
            freeAgents[pick] = freeAgents.back();
            freeAgents.pop_back();
            ++queueCalls[size_t(q)];
            ++handled[size_t(a - 1000)];
            // The whole life of the call, its events in this tick's batch and later ones.
            const int talkTicks = 200 + int(rng.bounded(600));
            auto &later = stream[size_t(std::min(ticks, tick + talkTicks))];
            out.push_back(
                text("call.queued", ++eseq, at, {{"call", id}, {"queue", q}, {"priority", 1}}));
            out.push_back(
                text("queue.changed", ++eseq, at, {{"queue", q}, {"waiting", 1}, {"ringing", 0}}));
            out.push_back(text("call.offered", ++eseq, at,
                               {{"call", id}, {"queue", q}, {"agent", a}, {"session", a}}));
            out.push_back(text(
                "agent.state", ++eseq, at,
                {{"agent", a}, {"state", "busy-acd"}, {"activity", "ringing"}, {"reason", 0}}));
            out.push_back(
                text("call.answered", ++eseq, at, {{"call", id}, {"queue", q}, {"agent", a}}));
            out.push_back(text(
                "agent.state", ++eseq, at,
                {{"agent", a}, {"state", "busy-acd"}, {"activity", "on-call"}, {"reason", 0}}));
            out.push_back(
                text("queue.changed", ++eseq, at, {{"queue", q}, {"waiting", 0}, {"ringing", 0}}));
            const qint64 end = at + talkTicks * 10;
            later.push_back(
                text("call.completed", ++eseq, end,
                     {{"call", id}, {"queue", q}, {"agent", a}, {"disposition", "answered"}}));
            later.push_back(text(
                "agent.state", ++eseq, end,
                {{"agent", a}, {"state", "busy-acd"}, {"activity", "wrap-up"}, {"reason", 0}}));
            release.push_back({std::min(ticks, tick + talkTicks + 100), a});
            std::sort(release.begin(), release.end(),
                      [](const Pending &x, const Pending &y) { return x.tick < y.tick; });
            queueTouched[size_t(q)] = true;
            agentsTouched.push_back(a);
        }
        // The engine's coalesced stats: every 100 ms, each object that changed, once.
        if (tick % 10 == 9) {
            for (int q = 1; q <= queues; ++q)
                out.push_back(
                    text("queue.stats", eseq, at,
                         {{"queue", queueObject(q, int(rng.bounded(5)), queueCalls[size_t(q)])}}));
            for (int a : agentsTouched)
                out.push_back(
                    text("agent.stats", eseq, at,
                         {{"agent", agentObject(a, "on-call", handled[size_t(a - 1000)])}}));
        }
    }
    for (const auto &tick : stream)
        events += tick.size();

    // The floor, as after a snapshot.
    FloorState floor;
    QJsonArray qs, as, ss;
    for (int q = 1; q <= queues; ++q)
        qs.append(queueObject(q, 0, 0));
    for (int a = 0; a < agents; ++a) {
        as.append(agentObject(1001 + a, "available", 0));
        ss.append(QJsonObject{{"id", a + 1},
                              {"agent", 1001 + a},
                              {"group", 1 + a % 10},
                              {"station", QString::number(20000 + a)},
                              {"state", "ready"}});
    }
    QElapsedTimer snapshotTimer;
    snapshotTimer.start();
    floor.applySnapshot({{"eseq", 1000},
                         {"at", t0},
                         {"queues", qs},
                         {"agents", as},
                         {"sessions", ss},
                         {"calls", QJsonArray()}});

    const double snapshotMs = double(snapshotTimer.nsecsElapsed()) / 1e6;
    TimedView wallboard, grid;
    QSortFilterProxyModel wallProxy;
    wallProxy.setSourceModel(&floor.queues());
    wallProxy.setSortRole(QueueModel::SortRole);
    wallboard.setModel(&wallProxy);
    wallboard.setSortingEnabled(true);
    wallboard.sortByColumn(QueueModel::Waiting, Qt::DescendingOrder);
    AgentFilter filter;
    filter.setSourceModel(&floor.agents());
    grid.setModel(&filter);
    grid.setSortingEnabled(true);
    grid.sortByColumn(AgentModel::State, Qt::AscendingOrder);
    wallboard.resize(1280, 800);
    grid.resize(1280, 800);
    wallboard.show();
    grid.show();

    // Latency bookkeeping: batches applied but not yet flushed, flushed but not yet painted.
    std::vector<qint64> unflushed, unpainted, latencies;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&floor, &FloorState::flushed, [&] {
        unpainted.insert(unpainted.end(), unflushed.begin(), unflushed.end());
        unflushed.clear();
    });
    auto painted = [&] {
        const qint64 now = clock.nsecsElapsed();
        for (qint64 t : unpainted)
            latencies.push_back(now - t);
        unpainted.clear();
    };
    wallboard.onPainted = painted;
    grid.onPainted = painted;

    int tick = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(10);
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        if (tick >= ticks) {
            feeder.stop();
            QTimer::singleShot(500, &app, &QCoreApplication::quit); // the last flush and paint
            return;
        }
        const qint64 t = clock.nsecsElapsed();
        for (const QByteArray &e : stream[size_t(tick)])
            floor.applyEvent(QJsonDocument::fromJson(e).object());
        unflushed.push_back(t);
        ++tick;
    });
    feeder.start();
    app.exec();
    const double cpu = cpuSeconds() - cpu0;
    const double elapsed = double(wall.elapsed()) / 1000.0;

    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double q) {
        return latencies.empty()
                   ? 0.0
                   : double(latencies[size_t(q * double(latencies.size() - 1))]) / 1e6;
    };
    std::printf("supervisor-console-bench: %d queues, %d agents, %d calls/s for %d s\n", queues,
                agents, callsPerSecond, seconds);
    std::printf("  events replayed: %zu (%.0f/s), as JSON text, in 10 ms batches\n", events,
                double(events) / elapsed);
    std::printf("  event-to-screen latency (applied -> painted), ms: p50 %.1f  p95 %.1f  p99 %.1f  "
                "max %.1f  (%zu batches)\n",
                pct(0.5), pct(0.95), pct(0.99),
                latencies.empty() ? 0.0 : double(latencies.back()) / 1e6, latencies.size());
    std::printf("  resync: a snapshot of that size applied to the models in %.0f ms\n", snapshotMs);
    std::printf("  CPU: %.2f s over %.2f s wall = %.0f%% of one core\n", cpu, elapsed,
                100.0 * cpu / elapsed);
    return 0;
}
