#pragma once
// The agent's session with the engine, as the window shows it: login (connect, station, agent,
// groups), the agent's state with the time in it and who changed it, reason codes, wrap-up,
// logout, the figures, and the reconnection after the engine went away. Plain view-model: no
// widgets. Everything goes through libtapi via TapiLink; the models it owns are fed from the
// same message stream.
//
// Login is two steps so the group list can come from the engine: connectAgent() (lineInitializeEx,
// station line by extension, lineOpen, lineCreateAgent, lineGetGroupList) ends in groupsReady();
// joinGroups() (lineGetAgentSessionList, lineCreateAgentSession for each missing group,
// lineSetAgentSessionState READY, lineSetAgentStateEx) ends in loggedIn(). Either may end in
// loginFailed() with a sentence for the agent.
#include "agent_state.h"
#include "day_totals.h"
#include "station_directory.h"
#include "tapi_link.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace desk {

class CallModel;
class DirectoryModel;
class FiguresModel;
class GroupModel;
class QueueModel;

struct LoginRequest {
    QString server;  ///< host:port
    QString agentId; ///< the agent's numeric ID
    QString pin;
    QString station; ///< the extension the agent sits at
};

struct Reason {
    DWORD code = 0;
    QString name;
};

class AgentSession : public QObject {
    Q_OBJECT
public:
    explicit AgentSession(QObject *parent = nullptr);
    ~AgentSession() override;

    CallModel *calls() const { return m_calls; }
    QueueModel *queues() const { return m_queues; }
    FiguresModel *figures() const { return m_figures; }
    DirectoryModel *directory() const { return m_directory; }
    GroupModel *groups() const { return m_groups; }
    TapiLink &link() { return m_link; }

    // ---- login and logout ----
    void connectAgent(const LoginRequest &request);
    /// Joins the checked groups of groups() and goes Ready (or Not Ready).
    void joinGroups(bool ready);
    /// Abandons a login in progress (after connectAgent, before loggedIn).
    void cancelLogin();
    /// Logs out (with a reason code, 0 for none); deferred by the engine during a call.
    void logout(DWORD reason = 0);

    // ---- state ----
    void goReady();
    void goNotReady(DWORD reason);
    /// Ends wrap-up now (the early "done").
    void endWrapUp();

    LinkState linkState() const { return m_linkState; }
    AgentState state() const { return m_state; }
    DWORD reasonCode() const { return m_reasonCode; }
    QString reasonName() const;
    qint64 secondsInState() const;
    /// The state the engine will put the agent in after the current call and wrap-up
    /// (Ready or Not Ready; Unknown when none is set).
    AgentState nextState() const { return m_nextState; }
    /// Who made the last state change, "" when the agent did (or it is unknown).
    QString changedBy() const { return m_changedBy; }
    /// Seconds of wrap-up left when the queue's wrap-up length is known, else -1.
    int wrapUpSecondsLeft() const;
    const QList<Reason> &reasons() const { return m_reasons; }
    QString agentId() const { return m_request.agentId; }
    QString station() const { return m_request.station; }
    bool isLoggedIn() const { return m_loggedIn; }
    /// Seconds until the next reconnection attempt (while reconnecting).
    int reconnectDelaySeconds() const { return m_backoffSeconds; }

    /// Turns the engine's "forced by" text into words for the agent.
    static QString describeChanger(const QString &forcedBy);

signals:
    void linkStateChanged(desk::LinkState state);
    void stateChanged();
    void reasonsChanged();
    void groupsReady();
    void loggedIn();
    void loggedOut(const QString &why);
    void loginFailed(const QString &text);
    /// A state change somebody else made (supervisor, RONA, ...): a sentence for the agent.
    void changedElsewhere(const QString &text);
    /// A passing problem (a request the engine refused).
    void notice(const QString &text);
    /// The session is back after a reconnection.
    void restored();
    /// Once a second, for time-in-state and countdown displays.
    void tick();

private:
    /// m_link.track() for a reply that belongs to this connection: `handler` does not run when
    /// the session reconnected or ended since the request (m_generation moved on).
    void trackCurrent(LONG request, TapiLink::ReplyHandler handler,
                      std::shared_ptr<void> keepAlive = {});
    void handleMessage(const LINEMESSAGE &m);
    bool openStation();
    void createAgent(std::function<void()> next);
    void readGroups();
    void createSessions(const QList<QUuid> &groups, std::function<void()> next);
    void finishJoin();
    void applyState(AgentState state);
    void readStatus();
    void readReasons();
    void readLastChange();
    void refreshFigures();
    void setLinkState(LinkState state);
    void fail(const QString &text);
    void connectionLost();
    void scheduleReconnect();
    void reconnect();
    void restoreLogin();
    void finishLogout(const QString &why);
    void setReason(DWORD reason, std::function<void()> next);
    void setAgentState(DWORD stateEx, const QString &what);
    QString initializeError(LONG rc) const;

    TapiLink m_link;
    CallModel *m_calls;
    QueueModel *m_queues;
    FiguresModel *m_figures;
    DirectoryModel *m_directory;
    GroupModel *m_groups;

    LoginRequest m_request;
    QList<LineEntry> m_lines;
    HLINE m_line = 0;
    HAGENT m_agent = 0;
    QList<QUuid> m_joinedGroups;
    QList<HAGENTSESSION> m_sessions;
    QList<Reason> m_reasons;

    LinkState m_linkState = LinkState::Offline;
    AgentState m_state = AgentState::LoggedOut;
    AgentState m_nextState = AgentState::Unknown;
    DWORD m_reasonCode = 0;
    QString m_reasonText;
    QString m_changedBy;
    QString m_lastChangeText; ///< the last changedElsewhere() text in this state
    QElapsedTimer m_inState;
    QMap<AgentState, qint64> m_stateSeconds; ///< this login's, the current state excluded
    CallFigures m_loginCalls;                ///< this login's, from the engine's sessions
    DayTotals m_day;                         ///< earlier logins today
    QElapsedTimer m_lastOwnRequest;          ///< when the agent last asked for a state change
    bool m_loggedIn = false;
    bool m_loggingOut = false;
    bool m_restoring = false;
    bool m_wrapUpEndedByAgent = false;

    // What to restore after a reconnection.
    AgentState m_wanted = AgentState::NotReady;
    DWORD m_wantedReason = 0;

    // Wrap-up length per queue, learned from wrap-ups that ended by themselves.
    QString m_lastQueue;
    QMap<QString, int> m_wrapUpLength;

    QTimer m_tick;
    QTimer m_figuresTimer;
    QTimer m_reconnectTimer;
    int m_backoffSeconds = 0;
    bool m_figuresInFlight = false;
    int m_generation = 0; ///< replies from an older connection are ignored
};

} // namespace desk
