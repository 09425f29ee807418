#pragma once
// FloorState: the console's live view of the contact center. It logs in, subscribes to the
// event stream (`all` plus `stats` when the engine has it), takes a snapshot and from then on
// applies events with eseq > the snapshot's (docs/protocol.md "Snapshots and resync"). It
// owns the item models; widgets only read them and call the actions below.
//
// Updates are batched: events change the rows at once, a timer announces them every
// `flushIntervalMs` (150 ms by default). When the connection drops, the models freeze and grey
// out (frozenAt() says since when); the state reconnects by itself and resyncs from a snapshot.
#include "supclient/protocol_client.h"
#include "supmodels/agent_model.h"
#include "supmodels/history.h"
#include "supmodels/queue_model.h"
#include "supmodels/thresholds.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace acd::sup {

class FloorState : public QObject {
    Q_OBJECT
public:
    enum class Status { Offline, Connecting, Syncing, Live, Disconnected };
    Q_ENUM(Status)

    explicit FloorState(QObject *parent = nullptr);

    ProtocolClient &client() { return m_client; }
    QueueModel &queues() { return m_queues; }
    AgentModel &agents() { return m_agents; }
    ThresholdStore &thresholds() { return m_thresholds; }
    History &history() { return m_history; }

    /// Connects and logs in; `done` gets the hello reply (role in client().role()).
    void start(const QString &address, const QString &user, const QString &password,
               ProtocolClient::Callback done = {});
    void stop();
    Status status() const { return m_status; }
    QString address() const { return m_address; }
    /// When the figures stopped being live (local time), null while live.
    QDateTime frozenAt() const { return m_frozenAt; }
    qint64 snapshotEseq() const { return m_snapshotEseq; }
    qint64 appliedEseq() const { return m_appliedEseq; }
    bool hasStatsTopic() const { return m_hasStats; }
    /// The engine's clock now (ms), estimated from the last snapshot.
    qint64 engineNow() const;

    void setFlushIntervalMs(int ms) { m_flush.setInterval(ms); }
    void setSampleIntervalMs(int ms) { m_sampleMs = ms; }
    void setReconnectDelayMs(int ms) { m_reconnect.setInterval(ms); }

    /// Supervisor actions (the engine audits them).
    void forceReady(int agent, ProtocolClient::Callback done);
    void forceNotReady(int agent, int reason, ProtocolClient::Callback done);
    void forceLogout(int agent, ProtocolClient::Callback done);
    /// Reason codes' names (from the engine's full snapshot).
    QHash<int, QString> reasonNames() const { return m_reasonNames; }

    /// Applies one event as if it came from the engine (tests and the benchmark use it).
    void applyEvent(const QJsonObject &event);
    /// Applies a snapshot result as if requested (tests and the benchmark use it).
    void applySnapshot(const QJsonObject &snapshot);
    /// Announces pending model changes now (what the flush timer does).
    void flushNow();

signals:
    void statusChanged(acd::sup::FloorState::Status status);
    /// The models were rebuilt from a snapshot.
    void synced();
    /// Models announced a batch of changes (after each non-empty flush).
    void flushed();

private:
    void subscribe();
    void requestSnapshot();
    void setStatus(Status s);
    void onDisconnected();
    void rebuildSessions(int agent);
    /// The charts' past hours from the `queue-intervals` report.
    void prefillHistory();
    /// Today's closed intervals (queue-intervals report since UTC midnight) for "today".
    void loadDayBase();
    qint64 todayStart() const;

    struct Session {
        int agent = 0, group = 0;
        QString station;
    };
    struct Call {
        int queue = 0;
        QString caller;
        qint64 since = 0;
        int agent = 0; ///< offered to
    };

    ProtocolClient m_client;
    ThresholdStore m_thresholds;
    QueueModel m_queues;
    AgentModel m_agents;
    History m_history;
    QTimer m_flush, m_tick, m_reconnect, m_dayReload;
    Status m_status = Status::Offline;
    QString m_address, m_user, m_password;
    QDateTime m_frozenAt;
    bool m_hasStats = true;
    bool m_dirty = false;
    bool m_syncing = false;
    QList<QJsonObject> m_buffer; ///< events that came while the snapshot was pending
    qint64 m_snapshotEseq = 0, m_appliedEseq = 0;
    qint64 m_clockOffset = 0; ///< engine clock - local clock
    int m_sampleMs = 10000;
    qint64 m_lastSample = 0;
    QHash<int, QHash<qint64, Session>> m_sessions; ///< by agent, then session id
    QHash<qint64, Call> m_calls;
    QHash<int, QString> m_reasonNames;
    ProtocolClient::Callback m_startDone;
    bool m_everLive = false;
};

} // namespace acd::sup
