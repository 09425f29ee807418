#include "metrics.h"

#include "core/engine.h"
#include "core/enums.h"

#include <map>
#include <sstream>

namespace acd::server {
namespace {

void metric(std::ostringstream &out, const char *name, const char *type, const char *help)
{
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

} // namespace

std::string buildMetrics(const MetricsInput &in)
{
    std::ostringstream out;
    const core::Engine &engine = *in.engine;
    int waiting = 0;
    metric(out, "acd_queue_calls_waiting", "gauge", "Calls waiting in the queue (not ringing).");
    std::ostringstream ringing, longest;
    for (core::QueueId id : engine.queueIds()) {
        auto q = engine.queue(id);
        if (!q)
            continue;
        const auto &s = q.value();
        waiting += s.waiting;
        out << "acd_queue_calls_waiting{queue=\"" << s.name << "\"} " << s.waiting << '\n';
        ringing << "acd_queue_calls_ringing{queue=\"" << s.name << "\"} " << s.ringing << '\n';
        longest << "acd_queue_longest_wait_seconds{queue=\"" << s.name << "\"} "
                << static_cast<double>(s.currentLongestWaitMs) / 1000.0 << '\n';
    }
    metric(out, "acd_queue_calls_ringing", "gauge", "Calls offered to an agent, not answered.");
    out << ringing.str();
    metric(out, "acd_queue_longest_wait_seconds", "gauge", "Oldest unanswered call's wait.");
    out << longest.str();
    metric(out, "acd_calls_waiting", "gauge", "Calls waiting in all queues.");
    out << "acd_calls_waiting " << waiting << '\n';
    metric(out, "acd_calls_active", "gauge", "Calls in the ACD (queued, ringing or connected).");
    out << "acd_calls_active " << engine.activeCallCount() << '\n';

    std::map<std::string, int> byActivity;
    for (core::AgentActivity a :
         {core::AgentActivity::LoggedOut, core::AgentActivity::NotReady,
          core::AgentActivity::Available, core::AgentActivity::Ringing,
          core::AgentActivity::OnCall, core::AgentActivity::WrapUp,
          core::AgentActivity::OtherCall})
        byActivity[std::string(core::toString(a))] = 0;
    for (core::AgentId id : engine.agentIds())
        if (auto a = engine.agent(id))
            ++byActivity[std::string(core::toString(a.value().activity))];
    metric(out, "acd_agents", "gauge", "Agents by what they are doing.");
    for (const auto &[activity, count] : byActivity)
        out << "acd_agents{activity=\"" << activity << "\"} " << count << '\n';

    metric(out, "acd_events_total", "counter", "Core events (effects) produced.");
    out << "acd_events_total " << in.effects << '\n';
    metric(out, "acd_clients", "gauge", "Protocol sessions (WebSocket connections).");
    out << "acd_clients " << in.clients << '\n';
    metric(out, "acd_connections_open", "gauge", "WebSocket connections open at the front.");
    out << "acd_connections_open " << in.openConnections << '\n';
    metric(out, "acd_stream_events_sent_total", "counter", "Events sent to clients.");
    out << "acd_stream_events_sent_total " << in.protocol.eventsSent << '\n';
    metric(out, "acd_stream_events_dropped_total", "counter", "Events dropped for slow clients.");
    out << "acd_stream_events_dropped_total " << in.protocol.eventsDropped << '\n';
    metric(out, "acd_requests_total", "counter", "Protocol requests received.");
    out << "acd_requests_total " << in.protocol.requests << '\n';
    metric(out, "acd_login_failures_total", "counter", "Failed hello requests.");
    out << "acd_login_failures_total " << in.protocol.loginFailures << '\n';
    metric(out, "acd_writer_backlog", "gauge", "Records waiting for the database writer.");
    out << "acd_writer_backlog " << in.writerQueued << '\n';
    metric(out, "acd_writer_written_total", "counter", "Records committed to the database.");
    out << "acd_writer_written_total " << in.writerWritten << '\n';
    metric(out, "acd_writer_transactions_total", "counter",
           "Database transactions committed (written / transactions: records per transaction).");
    out << "acd_writer_transactions_total " << in.writerBatches << '\n';
    metric(out, "acd_writer_failed_total", "counter", "Records the database refused.");
    out << "acd_writer_failed_total " << in.writerFailed << '\n';
    metric(out, "acd_network_bytes_received_total", "counter", "Bytes received from clients.");
    out << "acd_network_bytes_received_total " << in.bytesIn << '\n';
    metric(out, "acd_network_bytes_sent_total", "counter", "Bytes sent to clients.");
    out << "acd_network_bytes_sent_total " << in.bytesOut << '\n';
    metric(out, "acd_network_socket_writes_total", "counter",
           "Socket writes to clients (each carries every message queued since the last).");
    out << "acd_network_socket_writes_total " << in.socketWrites << '\n';
    return out.str();
}

} // namespace acd::server
