#include "agent_session.h"

#include "call_model.h"
#include "directory_model.h"
#include "figures_model.h"
#include "group_model.h"
#include "queue_model.h"
#include "tapi_structs.h"

#include <QSettings>

namespace desk {
namespace {

constexpr int kMaxBackoffSeconds = 30;
// A state change this soon after the agent's own request is taken as the agent's.
constexpr qint64 kOwnChangeWindowMs = 3000;

ACDAGENTSPECIFICPARAMS agentSpecific(DWORD command, DWORD value)
{
    ACDAGENTSPECIFICPARAMS p;
    std::memset(&p, 0, sizeof p);
    p.dwCommand = command;
    p.dwValue = value;
    return p;
}

} // namespace

AgentSession::AgentSession(QObject *parent)
    : QObject(parent)
    , m_link(QStringLiteral("agent-desktop"))
    , m_calls(new CallModel(m_link, this))
    , m_queues(new QueueModel(m_link, this))
    , m_figures(new FiguresModel(this))
    , m_directory(new DirectoryModel(this))
    , m_groups(new GroupModel(this))
{
    connect(&m_link, &TapiLink::message, this, [this](const LINEMESSAGE &m) { handleMessage(m); });
    connect(m_calls, &CallModel::operationFailed, this, &AgentSession::notice);
    connect(m_calls, &CallModel::acdCallSeen, this,
            [this](const QString &routePoint, const QString &queue, int wrapUpSeconds) {
                m_lastQueue = queue;
                m_directory->setQueueName(routePoint, queue);
                if (wrapUpSeconds >= 0) // the engine says it: the countdown is exact
                    m_wrapUpLength[queue] = wrapUpSeconds;
            });

    QSettings settings;
    settings.beginGroup(QStringLiteral("wrapUp"));
    for (const QString &queue : settings.childKeys())
        m_wrapUpLength[queue] = settings.value(queue).toInt();
    settings.endGroup();

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (m_loggedIn) {
            QMap<AgentState, qint64> seconds = m_day.stateSeconds();
            for (auto it = m_stateSeconds.cbegin(); it != m_stateSeconds.cend(); ++it)
                seconds[it.key()] += it.value();
            seconds[m_state] += m_inState.elapsed() / 1000;
            m_figures->setStateTimes(seconds);
        }
        emit tick();
    });
    m_tick.start();
    // The engine sends no event when only the clock moves the measurement period on.
    m_figuresTimer.setInterval(30000);
    connect(&m_figuresTimer, &QTimer::timeout, this, [this] { refreshFigures(); });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] { reconnect(); });
    m_inState.start();
}

AgentSession::~AgentSession()
{
    m_reconnectTimer.stop();
    if (m_line)
        lineClose(m_line);
    m_link.shutdown();
}

// ---- login ------------------------------------------------------------------------------

QString AgentSession::initializeError(LONG rc) const
{
    switch (rc) {
    case LINEERR_NODRIVER:
        return tr("The engine at %1 cannot be reached. Check the server address and that the "
                  "engine is running.")
            .arg(m_request.server);
    case LINEERR_OPERATIONFAILED:
        return tr("The engine refused the login: the agent ID or the PIN is wrong.");
    case LINEERR_RESOURCEUNAVAIL:
        return tr("Too many failed logins. Try again in a minute.");
    default:
        return tr("The engine could not be reached (%1).").arg(lineErrorName(rc));
    }
}

void AgentSession::connectAgent(const LoginRequest &request)
{
    ++m_generation;
    m_request = request;
    m_request.server = request.server.trimmed();
    m_request.agentId = request.agentId.trimmed();
    m_request.station = request.station.trimmed();
    setLinkState(LinkState::Connecting);
    // Connecting and reading the switch's lines are synchronous round trips: off the GUI
    // thread.
    auto lines = std::make_shared<QList<LineEntry>>();
    const int generation = m_generation;
    m_link.initializeAsync(
        Endpoint{m_request.server, m_request.agentId, m_request.pin},
        [lines](HLINEAPP app, DWORD numDevs) { *lines = readLines(app, numDevs); },
        [this, lines, generation](LONG rc) {
            if (generation != m_generation)
                return;
            if (rc != 0)
                return fail(initializeError(rc));
            m_lines = *lines;
            if (!openStation())
                return;
            m_directory->setLines(m_lines, m_request.station);
            createAgent([this] { readGroups(); });
        });
}

bool AgentSession::openStation()
{
    const LineEntry *entry = findLine(m_lines, m_request.station);
    if (!entry || entry->routePoint) {
        fail(tr("Station %1 is unknown to the engine. Check the extension on your phone.")
                 .arg(m_request.station));
        return false;
    }
    HLINE line = 0;
    const LONG rc = lineOpen(m_link.app(), entry->device, &line, entry->apiVersion, 0, 0,
                             LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr);
    if (rc != 0) {
        fail(tr("Station %1 could not be opened (%2).").arg(m_request.station, lineErrorName(rc)));
        return false;
    }
    m_line = line;
    m_calls->setLine(line);
    return true;
}

void AgentSession::createAgent(std::function<void()> next)
{
    auto handle = std::make_shared<HAGENT>(0);
    QByteArray id = m_request.agentId.toUtf8();
    QByteArray pin = m_request.pin.toUtf8();
    trackCurrent(
        lineCreateAgent(m_line, id.data(), pin.data(), handle.get()),
        [this, handle, next = std::move(next)](LONG result) {
            switch (result) {
            case 0:
                m_agent = *handle;
                next();
                return;
            case LINEERR_INVALPASSWORD:
                return fail(tr("The PIN is wrong for agent %1.").arg(m_request.agentId));
            case LINEERR_INVALAGENTID:
                return fail(tr("Agent %1 is unknown, or not the agent this login may use.")
                                .arg(m_request.agentId));
            default:
                return fail(tr("The login failed (%1).").arg(lineErrorName(result)));
            }
        },
        handle);
}

void AgentSession::readGroups()
{
    auto list = makeVar<LINEAGENTGROUPLIST>(16384);
    trackCurrent(
        lineGetGroupList(m_line, list->get()),
        [this, list](LONG result) {
            if (result != 0)
                return fail(
                    tr("The list of groups could not be read (%1).").arg(lineErrorName(result)));
            QList<Group> groups;
            for (const auto &e :
                 list->entries<LINEAGENTGROUPENTRY>((*list)->dwNumEntries, (*list)->dwListOffset))
                groups.append(
                    Group{fromGroupId(&e.GroupID), list->string(e.dwNameSize, e.dwNameOffset)});
            QSet<QUuid> last;
            for (const QString &id :
                 QSettings().value(QStringLiteral("login/groups")).toStringList())
                last.insert(QUuid::fromString(id));
            m_groups->setGroups(groups, last);
            emit groupsReady();
        },
        list);
}

void AgentSession::joinGroups(bool ready)
{
    QList<QUuid> chosen;
    QStringList ids;
    for (const Group &g : m_groups->checkedGroups()) {
        chosen.append(g.id);
        ids.append(g.id.toString(QUuid::WithBraces));
    }
    if (chosen.isEmpty())
        return fail(tr("Choose at least one group to log in to."));
    QSettings().setValue(QStringLiteral("login/groups"), ids);
    m_joinedGroups = chosen;
    m_wanted = ready ? AgentState::Ready : AgentState::NotReady;
    m_wantedReason = 0;
    createSessions(chosen, [this] { finishJoin(); });
}

void AgentSession::createSessions(const QList<QUuid> &groups, std::function<void()> next)
{
    // The engine may still have sessions of this agent (a desktop that crashed, a lost
    // connection): only the missing groups get a new one.
    auto list = makeVar<LINEAGENTSESSIONLIST>(8192);
    const int generation = m_generation;
    m_link.track(
        lineGetAgentSessionList(m_line, m_agent, list->get()),
        [this, list, groups, generation, next = std::move(next)](LONG result) {
            if (generation != m_generation)
                return;
            m_sessions.clear();
            QSet<QUuid> have;
            if (result == 0) {
                for (const auto &e : list->entries<LINEAGENTSESSIONENTRY>((*list)->dwNumEntries,
                                                                          (*list)->dwListOffset)) {
                    have.insert(fromGuid(e.GroupID));
                    m_sessions.append(e.hAgentSession);
                }
            }
            auto remaining = std::make_shared<int>(0);
            auto failed = std::make_shared<QString>();
            auto done = [this, remaining, failed, generation, next] {
                if (generation != m_generation || --*remaining > 0)
                    return;
                if (!failed->isEmpty())
                    return fail(*failed);
                next();
            };
            QList<QUuid> missing;
            for (const QUuid &g : groups)
                if (!have.contains(g))
                    missing.append(g);
            if (m_restoring && have.isEmpty() && m_loginCalls.calls > 0) {
                // The engine lost the sessions (it restarted): their figures start again at
                // zero, so what they had counted joins the day's figures now.
                m_day.addLogin(m_loginCalls, {});
                m_loginCalls = CallFigures{};
            }
            if (missing.isEmpty()) {
                next();
                return;
            }
            *remaining = static_cast<int>(missing.size());
            const QByteArray pin = m_request.pin.toUtf8();
            for (const QUuid &g : missing) {
                auto guid = std::make_shared<GUID>(toGuid(g));
                auto session = std::make_shared<HAGENTSESSION>(0);
                std::shared_ptr<void> keep =
                    std::make_shared<std::pair<decltype(guid), decltype(session)>>(guid, session);
                QByteArray pinCopy = pin;
                m_link.track(
                    lineCreateAgentSession(m_line, m_agent, pinCopy.data(), 0, guid.get(),
                                           session.get()),
                    [this, session, failed, done, g](LONG r) {
                        if (r == 0)
                            m_sessions.append(*session);
                        else if (failed->isEmpty())
                            *failed = tr("Joining group %1 failed (%2).")
                                          .arg(g.toString(), lineErrorName(r));
                        done();
                    },
                    keep);
            }
        },
        list);
}

void AgentSession::finishJoin()
{
    // Calls go to Ready sessions of a Ready agent: the sessions stay Ready, the agent's own
    // state (lineSetAgentStateEx) is what the agent switches.
    for (HAGENTSESSION s : m_sessions)
        m_link.track(lineSetAgentSessionState(m_line, s, LINEAGENTSESSIONSTATE_READY, 0),
                     [](LONG) {});
    const bool restoring = m_restoring;
    m_restoring = false;
    m_loggedIn = true;
    m_loggingOut = false;
    m_lastOwnRequest.start();
    if (m_wanted == AgentState::Ready) {
        setAgentState(LINEAGENTSTATEEX_READY, tr("Ready"));
    } else {
        const DWORD reason = m_wantedReason;
        setReason(reason, [this] { setAgentState(LINEAGENTSTATEEX_NOTREADY, tr("Not Ready")); });
    }
    readReasons();
    readStatus();
    m_queues->load(m_line, m_joinedGroups);
    m_figuresTimer.start();
    refreshFigures();
    m_backoffSeconds = 0;
    setLinkState(LinkState::Online);
    if (restoring) {
        m_calls->adoptExisting();
        emit restored();
    } else {
        m_stateSeconds.clear();
        m_loginCalls = CallFigures{};
        m_day = DayTotals(); // the date may have changed since the last login
        emit loggedIn();
    }
}

void AgentSession::cancelLogin()
{
    ++m_generation;
    m_reconnectTimer.stop();
    if (m_line)
        lineClose(m_line);
    m_line = 0;
    m_agent = 0;
    m_link.shutdown();
    setLinkState(LinkState::Offline);
}

void AgentSession::fail(const QString &text)
{
    if (m_restoring) {
        // Restoring after a reconnection: keep trying rather than dropping to the login.
        ++m_generation;
        if (m_line)
            lineClose(m_line);
        m_line = 0;
        m_link.shutdown();
        emit notice(text);
        return scheduleReconnect();
    }
    cancelLogin();
    emit loginFailed(text);
}

// ---- state ------------------------------------------------------------------------------

void AgentSession::setReason(DWORD reason, std::function<void()> next)
{
    if (reason == 0) {
        next();
        return;
    }
    auto params =
        std::make_shared<ACDAGENTSPECIFICPARAMS>(agentSpecific(ACDAGENTSPECIFIC_SETREASON, reason));
    trackCurrent(
        lineAgentSpecific(m_line, 0, 0, params.get(), sizeof *params),
        [this, next = std::move(next)](LONG result) {
            if (result != 0)
                emit notice(tr("The reason could not be set (%1).").arg(lineErrorName(result)));
            next();
        },
        params);
}

void AgentSession::setAgentState(DWORD stateEx, const QString &what)
{
    m_lastOwnRequest.start();
    trackCurrent(lineSetAgentStateEx(m_line, m_agent, stateEx, 0), [this, what](LONG result) {
        if (result == 0)
            return;
        emit notice(tr("%1 was refused by the engine (%2).").arg(what, lineErrorName(result)));
    });
}

void AgentSession::goReady()
{
    if (!m_loggedIn || m_linkState != LinkState::Online)
        return;
    m_wanted = AgentState::Ready;
    m_wantedReason = 0;
    setAgentState(LINEAGENTSTATEEX_READY, tr("Ready"));
}

void AgentSession::goNotReady(DWORD reason)
{
    if (!m_loggedIn || m_linkState != LinkState::Online)
        return;
    m_wanted = AgentState::NotReady;
    m_wantedReason = reason;
    m_lastOwnRequest.start();
    setReason(reason, [this] { setAgentState(LINEAGENTSTATEEX_NOTREADY, tr("Not Ready")); });
}

void AgentSession::endWrapUp()
{
    if (!m_loggedIn || m_state != AgentState::WrapUp)
        return;
    m_wrapUpEndedByAgent = true;
    m_lastOwnRequest.start();
    auto params =
        std::make_shared<ACDAGENTSPECIFICPARAMS>(agentSpecific(ACDAGENTSPECIFIC_ENDWRAPUP, 0));
    trackCurrent(
        lineAgentSpecific(m_line, 0, 0, params.get(), sizeof *params),
        [this](LONG result) {
            if (result != 0)
                emit notice(tr("Wrap-up could not be ended (%1).").arg(lineErrorName(result)));
        },
        params);
}

void AgentSession::logout(DWORD reason)
{
    if (!m_loggedIn)
        return;
    if (m_linkState != LinkState::Online) {
        // Nothing to tell the engine now; stop trying to get back.
        m_reconnectTimer.stop();
        return finishLogout(QString());
    }
    m_loggingOut = true;
    m_lastOwnRequest.start();
    setReason(reason, [this] {
        trackCurrent(lineSetAgentStateEx(m_line, m_agent, LINEAGENTSTATEEX_RELEASED, 0),
                     [this](LONG result) {
                         if (result != 0) {
                             m_loggingOut = false;
                             emit notice(tr("The logout was refused by the engine (%1).")
                                             .arg(lineErrorName(result)));
                             return;
                         }
                         // During a call or wrap-up the engine defers the logout until
                         // they end; LINE_AGENTSTATUS(LOGGEDOFF) then finishes it here.
                         const bool busy =
                             m_state == AgentState::OnAcdCall || m_state == AgentState::OnOtherCall
                             || m_state == AgentState::WrapUp || m_calls->rowCount() > 0;
                         if (!busy)
                             finishLogout(QString());
                         else
                             emit notice(tr("You will be logged out when the call and its "
                                            "wrap-up end."));
                     });
    });
}

void AgentSession::finishLogout(const QString &why)
{
    ++m_generation;
    m_reconnectTimer.stop();
    m_loggedIn = false;
    m_loggingOut = false;
    m_figuresTimer.stop();
    if (m_line)
        lineClose(m_line);
    m_line = 0;
    m_agent = 0;
    m_sessions.clear();
    m_link.shutdown();
    m_calls->clear();
    m_queues->clear();
    applyState(AgentState::LoggedOut);
    // This login's figures join the day's (as last read: a refresh still in flight is lost).
    m_day.addLogin(m_loginCalls, m_stateSeconds);
    m_loginCalls = CallFigures{};
    m_stateSeconds.clear();
    m_figures->clear();
    setLinkState(LinkState::Offline);
    emit loggedOut(why);
}

QString AgentSession::reasonName() const
{
    if (m_state != AgentState::NotReady && m_state != AgentState::LoggedOut)
        return {};
    if (!m_reasonText.isEmpty())
        return m_reasonText;
    for (const Reason &r : m_reasons)
        if (r.code == m_reasonCode)
            return r.name;
    return m_reasonCode ? tr("reason %1").arg(m_reasonCode) : QString();
}

qint64 AgentSession::secondsInState() const
{
    return m_inState.elapsed() / 1000;
}

int AgentSession::wrapUpSecondsLeft() const
{
    if (m_state != AgentState::WrapUp)
        return -1;
    const int length = m_wrapUpLength.value(m_lastQueue, -1);
    if (length <= 0)
        return -1;
    return std::max<int>(0, length - static_cast<int>(secondsInState()));
}

QString AgentSession::describeChanger(const QString &forcedBy)
{
    if (forcedBy.isEmpty())
        return {};
    if (forcedBy == QLatin1String("system:rona"))
        return tr("the system (call not answered)");
    if (forcedBy.startsWith(QLatin1String("system")))
        return tr("the system");
    return tr("supervisor %1").arg(forcedBy);
}

void AgentSession::applyState(AgentState state)
{
    if (state == m_state)
        return;
    const AgentState old = m_state;
    m_stateSeconds[old] += m_inState.elapsed() / 1000;
    if (old == AgentState::WrapUp && !m_wrapUpEndedByAgent && !m_lastQueue.isEmpty()
        && (state == AgentState::Ready || state == AgentState::NotReady)) {
        // The engine ended wrap-up by itself: that was the queue's full wrap-up length.
        const int length = static_cast<int>(m_inState.elapsed() / 1000);
        if (length > 0) {
            m_wrapUpLength[m_lastQueue] = length;
            QSettings().setValue(QStringLiteral("wrapUp/") + m_lastQueue, length);
        }
    }
    if (state == AgentState::WrapUp)
        m_wrapUpEndedByAgent = false;
    // What a reconnection restores is the last Ready / Not Ready seen, whoever chose it.
    if (state == AgentState::Ready && !m_restoring) {
        m_wanted = AgentState::Ready;
        m_wantedReason = 0;
    } else if (state == AgentState::NotReady && !m_restoring) {
        m_wanted = AgentState::NotReady;
    }
    m_inState.restart();
    m_state = state;
    m_changedBy.clear();
    m_lastChangeText.clear();
    if (state != AgentState::NotReady) {
        m_reasonCode = 0;
        m_reasonText.clear();
    }
    emit stateChanged();
}

void AgentSession::trackCurrent(LONG request, TapiLink::ReplyHandler handler,
                                std::shared_ptr<void> keepAlive)
{
    const int generation = m_generation;
    m_link.track(
        request,
        [this, generation, handler = std::move(handler)](LONG result) {
            if (generation == m_generation)
                handler(result);
        },
        std::move(keepAlive));
}

void AgentSession::readStatus()
{
    auto status = makeVar<LINEAGENTSTATUS>(4096);
    trackCurrent(
        lineGetAgentStatus(m_line, 0, status->get()),
        [this, status](LONG result) {
            if (result != 0)
                return;
            applyState(fromLineAgentState((*status)->dwState));
            const AgentState next = (*status)->dwNextState
                                        ? fromLineAgentState((*status)->dwNextState)
                                        : AgentState::Unknown;
            if (next != m_nextState) {
                m_nextState = next;
                emit stateChanged();
            }
            if (m_state == AgentState::NotReady) {
                m_reasonCode = (*status)->dwActivityID;
                m_reasonText =
                    status->string((*status)->dwActivitySize, (*status)->dwActivityOffset);
                m_wantedReason = m_reasonCode;
                emit stateChanged();
            }
        },
        status);
}

void AgentSession::readReasons()
{
    auto list = makeVar<LINEAGENTACTIVITYLIST>(8192);
    trackCurrent(
        lineGetAgentActivityList(m_line, 0, list->get()),
        [this, list](LONG result) {
            if (result != 0)
                return;
            m_reasons.clear();
            for (const auto &e : list->entries<LINEAGENTACTIVITYENTRY>((*list)->dwNumEntries,
                                                                       (*list)->dwListOffset))
                m_reasons.append(Reason{e.dwID, list->string(e.dwNameSize, e.dwNameOffset)});
            emit reasonsChanged();
        },
        list);
}

void AgentSession::readLastChange()
{
    auto params =
        std::make_shared<ACDAGENTSPECIFICPARAMS>(agentSpecific(ACDAGENTSPECIFIC_GETLASTCHANGE, 0));
    const bool ownRequest =
        m_lastOwnRequest.isValid() && m_lastOwnRequest.elapsed() < kOwnChangeWindowMs;
    const AgentState stateAsked = m_state;
    trackCurrent(
        lineAgentSpecific(m_line, 0, 0, params.get(), sizeof *params),
        [this, params, ownRequest, stateAsked](LONG result) {
            if (stateAsked != m_state)
                return;
            QString who;
            if (result == 0) {
                params->szText[sizeof params->szText - 1] = '\0';
                who = describeChanger(QString::fromUtf8(params->szText));
                if (params->dwValue && m_state == AgentState::NotReady
                    && params->dwValue != m_reasonCode) {
                    m_reasonCode = params->dwValue;
                    m_reasonText.clear(); // named from the reason list until readStatus answers
                }
            } else if (!ownRequest
                       && (m_state == AgentState::NotReady || m_state == AgentState::LoggedOut)) {
                // An engine without GETLASTCHANGE: we only know it was not us.
                who = tr("someone else");
            }
            if (who.isEmpty()) {
                // The agent's own change (e.g. a new reason) after a forced one.
                if (result == 0 && !m_changedBy.isEmpty()) {
                    m_changedBy.clear();
                    m_lastChangeText.clear();
                    emit stateChanged();
                }
                return;
            }
            m_changedBy = who;
            emit stateChanged();
            const QString reason = reasonName();
            const QString text =
                reason.isEmpty()
                    ? tr("%1 set you to %2.").arg(who, displayName(m_state))
                    : tr("%1 set you to %2 (%3).").arg(who, displayName(m_state), reason);
            // State and reason may come as two messages about one change: tell it once.
            if (text != m_lastChangeText) {
                m_lastChangeText = text;
                emit changedElsewhere(text);
            }
        },
        params);
}

void AgentSession::refreshFigures()
{
    if (!m_loggedIn || m_linkState != LinkState::Online || m_figuresInFlight)
        return;
    m_figuresInFlight = true;
    auto info = makeVar<LINEAGENTINFO>(1024);
    trackCurrent(
        lineGetAgentInfo(m_line, m_agent, info->get()),
        [this, info](LONG result) {
            m_figuresInFlight = false;
            if (result != 0)
                return;
            CallFigures f;
            f.known = true;
            f.calls = static_cast<int>((*info)->dwNumberOfACDCalls);
            f.talkSeconds = static_cast<int>((*info)->dwTotalACDTalkTime);
            f.handleSeconds = static_cast<int>((*info)->dwTotalACDCallTime);
            m_figures->setPeriod(f, static_cast<int>((*info)->dwMeasurementPeriod));
        },
        info);
    // The shift: the sum over the agent's sessions.
    auto total = std::make_shared<CallFigures>();
    total->known = true;
    auto remaining = std::make_shared<int>(static_cast<int>(m_sessions.size()));
    for (HAGENTSESSION s : m_sessions) {
        auto sessionInfo = makeVar<LINEAGENTSESSIONINFO>(1024);
        trackCurrent(
            lineGetAgentSessionInfo(m_line, s, sessionInfo->get()),
            [this, sessionInfo, total, remaining](LONG result) {
                if (result == 0) {
                    total->calls += static_cast<int>((*sessionInfo)->dwNumberOfCalls);
                    total->talkSeconds += static_cast<int>((*sessionInfo)->dwTotalTalkTime);
                    total->handleSeconds += static_cast<int>((*sessionInfo)->dwTotalCallTime);
                }
                if (--*remaining == 0) {
                    m_loginCalls = *total;
                    m_figures->setShift(DayTotals::sum(m_day.calls(), *total));
                }
            },
            sessionInfo);
    }
}

// ---- messages and the connection --------------------------------------------------------

void AgentSession::handleMessage(const LINEMESSAGE &m)
{
    switch (m.dwMessageID) {
    case LINE_CLOSE:
        if (m.hDevice == m_line && m_line)
            connectionLost();
        return;
    case LINE_AGENTSTATUS:
        if (m.hDevice != m_line || !m_loggedIn)
            break;
        if (m.dwParam2 & LINEAGENTSTATUS_STATE) {
            const AgentState state = fromLineAgentState(static_cast<DWORD>(m.dwParam3));
            if (state == AgentState::LoggedOut) {
                const bool own = m_loggingOut;
                finishLogout(own ? QString()
                                 : tr("You were logged out by the engine or a "
                                      "supervisor."));
                return;
            }
            applyState(state);
        }
        if (m.dwParam2 & LINEAGENTSTATUS_NEXTSTATE)
            readStatus();
        if (m.dwParam2 & (LINEAGENTSTATUS_STATE | LINEAGENTSTATUS_ACTIVITY)) {
            // A new reason alone is a change too (a supervisor may switch Lunch to Meeting).
            readLastChange();
            readStatus();
        }
        break;
    case LINE_AGENTSTATUSEX:
    case LINE_AGENTSESSIONSTATUS:
        if (m_loggedIn)
            refreshFigures();
        break;
    default:
        break;
    }
    m_calls->handleMessage(m);
    m_queues->handleMessage(m);
}

void AgentSession::setLinkState(LinkState state)
{
    if (state == m_linkState)
        return;
    m_linkState = state;
    emit linkStateChanged(state);
}

void AgentSession::connectionLost()
{
    ++m_generation;
    m_figuresInFlight = false;
    m_line = 0;
    m_agent = 0;
    m_sessions.clear();
    m_calls->markAllLost();
    m_queues->clear();
    m_link.shutdown();
    // Until the engine answers again nobody knows the agent's state: do not show the old one.
    applyState(AgentState::Unknown);
    if (m_restoring) {
        // Lost again while restoring: keep reconnecting.
        return scheduleReconnect();
    }
    if (!m_loggedIn) {
        // Still logging in: there is no session to restore.
        setLinkState(LinkState::Offline);
        emit loginFailed(tr("The connection to the engine was lost during the login."));
        return;
    }
    if (m_loggingOut)
        return finishLogout(QString());
    m_backoffSeconds = 0;
    setLinkState(LinkState::Reconnecting);
    scheduleReconnect();
}

void AgentSession::scheduleReconnect()
{
    m_backoffSeconds =
        m_backoffSeconds == 0 ? 1 : std::min(m_backoffSeconds * 2, kMaxBackoffSeconds);
    m_reconnectTimer.start(m_backoffSeconds * 1000);
}

void AgentSession::reconnect()
{
    if (m_linkState != LinkState::Reconnecting)
        return;
    ++m_generation;
    auto lines = std::make_shared<QList<LineEntry>>();
    const int generation = m_generation;
    m_link.initializeAsync(
        Endpoint{m_request.server, m_request.agentId, m_request.pin},
        [lines](HLINEAPP app, DWORD numDevs) { *lines = readLines(app, numDevs); },
        [this, lines, generation](LONG rc) {
            if (generation != m_generation)
                return;
            if (rc != 0) {
                if (rc != LINEERR_NODRIVER)
                    emit notice(initializeError(rc));
                return scheduleReconnect();
            }
            m_lines = *lines;
            restoreLogin();
        });
}

void AgentSession::restoreLogin()
{
    const LineEntry *entry = findLine(m_lines, m_request.station);
    HLINE line = 0;
    if (!entry
        || lineOpen(m_link.app(), entry->device, &line, entry->apiVersion, 0, 0,
                    LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr)
               != 0) {
        m_link.shutdown();
        return scheduleReconnect();
    }
    m_line = line;
    m_calls->setLine(line);
    m_restoring = true;
    m_loggedIn = false; // until the sessions are back
    auto handle = std::make_shared<HAGENT>(0);
    QByteArray id = m_request.agentId.toUtf8();
    QByteArray pin = m_request.pin.toUtf8();
    trackCurrent(
        lineCreateAgent(m_line, id.data(), pin.data(), handle.get()),
        [this, handle](LONG result) {
            if (result != 0) {
                emit notice(tr("Restoring the login failed (%1).").arg(lineErrorName(result)));
                m_restoring = false;
                m_loggedIn = true;
                if (m_line)
                    lineClose(m_line);
                m_line = 0;
                m_link.shutdown();
                return scheduleReconnect();
            }
            m_agent = *handle;
            createSessions(m_joinedGroups, [this] { finishJoin(); });
        },
        handle);
}

} // namespace desk
