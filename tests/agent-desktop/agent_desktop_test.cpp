// The agent desktop end to end: its view-models and windows against a real acd-engine with
// the sim provider, through libtapi's remote binding. A test-local caller (station 119) calls
// the sales route point 9000; the ACD offers the call to agent 1001 at station 100. Every
// model is watched by QAbstractItemModelTester. Waits are bounded (QTRY_*, QSignalSpy::wait).
#include "agent_session.h"
#include "call_model.h"
#include "customer.h"
#include "directory_model.h"
#include "engine_runner.h"
#include "figures_model.h"
#include "group_model.h"
#include "login_dialog.h"
#include "main_window.h"
#include "queue_model.h"
#include "state_panel.h"
#include "supervisor.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

using namespace desk;
using desk::test::Customer;
using desk::test::EngineRunner;

class AgentDesktopTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loginFailureIsExplainedToTheAgent_data();
    void loginFailureIsExplainedToTheAgent();
    void repeatedWrongPinsAskTheAgentToWaitAMinute();
    void loginOffersTheEnginesGroupsAndGoesReady();
    void aSwitchWithHundredsOfLinesDoesNotFloodTheEngineAtLogin();
    void notReadyWithAReasonShowsTheReason();
    void anOfferedCallRingsWithCallerAndQueueAndIsAnswered();
    void aHeldCallIsRetrieved();
    void aBlindTransferEndsTheCallAndStartsWrapUp();
    void doneEndsWrapUpEarlyAndTheCallCountsAsHandled();
    void aConsultationEndsInATransferOrAConference_data();
    void aConsultationEndsInATransferOrAConference();
    void logoutEndsTheSession();
    void aLogoutDuringACallWaitsForTheCallAndItsWrapUp();
    void notReadyDuringACallBecomesTheNextState();
    void aCallIsDialledOut();
    void aSupervisorsLogoutOpensTheLoginWithWhy();
    void aSupervisorsForcedNotReadyIsShownWithWhoAndWhy();
    void anUnansweredCallPutsTheAgentNotReadyByTheSystem();
    void theEngineStoppingMidCallMarksTheCallLostAndTheLoginComesBack();
    void aRestartedEngineGetsTheAgentBackNotReadyWithTheReason();
    void theMainWindowGivesEveryActionAShortcutInItsTooltip();
    void theMainWindowAnswersTheRingingCallWithF9();
    void closingTheWindowLogsOutFirst();
    void everyControlHasAnAccessibleName();

private:
    bool login(bool ready = true);
    /// Customer calls 9000 and the desktop shows the offered call; its row.
    int ring();
    /// ring() and answer: the row of the connected call, or -1.
    int answeredCall();
    HCALL handleOf(int row) const { return m_session->calls()->call(row)->handle; }

    std::unique_ptr<EngineRunner> m_engine;
    std::unique_ptr<AgentSession> m_session;
    std::unique_ptr<Customer> m_customer;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void AgentDesktopTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("acd-suite-test"));
    QCoreApplication::setApplicationName(QStringLiteral("agent-desktop-test"));
}

void AgentDesktopTest::init()
{
    QSettings().clear();
    m_engine = std::make_unique<EngineRunner>();
    QVERIFY2(m_engine->start(), qPrintable(m_engine->errors()));
    m_session = std::make_unique<AgentSession>();
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             m_session->calls(), m_session->queues(), m_session->figures(), m_session->directory(),
             m_session->groups()})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
}

void AgentDesktopTest::cleanup()
{
    m_customer.reset();
    m_testers.clear();
    m_session.reset();
    m_engine.reset();
}

bool AgentDesktopTest::login(bool ready)
{
    QSignalSpy groups(m_session.get(), &AgentSession::groupsReady);
    QSignalSpy failed(m_session.get(), &AgentSession::loginFailed);
    QSignalSpy loggedIn(m_session.get(), &AgentSession::loggedIn);
    m_session->connectAgent({m_engine->server(), QStringLiteral("1001"), QStringLiteral("1234"),
                             QStringLiteral("100")});
    if (groups.isEmpty() && !groups.wait(10000)) {
        qWarning() << "no groups:" << failed;
        return false;
    }
    m_session->joinGroups(ready);
    if (loggedIn.isEmpty() && !loggedIn.wait(10000)) {
        qWarning() << "not logged in:" << failed;
        return false;
    }
    const AgentState wanted = ready ? AgentState::Ready : AgentState::NotReady;
    QSignalSpy changed(m_session.get(), &AgentSession::stateChanged);
    for (int i = 0; i < 20 && m_session->state() != wanted; ++i)
        changed.wait(500);
    return m_session->state() == wanted;
}

int AgentDesktopTest::ring()
{
    m_customer = std::make_unique<Customer>(
        Endpoint{m_engine->server(), QStringLiteral("1001"), QStringLiteral("1234")});
    if (!m_customer->ok())
        return -1;
    QSignalSpy incoming(m_session->calls(), &CallModel::incomingCall);
    if (!m_customer->call(QStringLiteral("9000")) || (incoming.isEmpty() && !incoming.wait(10000)))
        return -1;
    return m_session->calls()->findState(LINECALLSTATE_OFFERING);
}

void AgentDesktopTest::loginFailureIsExplainedToTheAgent_data()
{
    QTest::addColumn<bool>("reachable");
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QString>("station");
    QTest::addColumn<QString>("message");
    QTest::newRow("wrong PIN") << true << "9999"
                               << "100"
                               << "The engine refused the login: the agent ID or the PIN is wrong.";
    QTest::newRow("unknown station")
        << true << "1234"
        << "555"
        << "Station 555 is unknown to the engine. Check the extension on your phone.";
    QTest::newRow("engine unreachable") << false << "1234"
                                        << "100"
                                        << "cannot be reached";
}

void AgentDesktopTest::loginFailureIsExplainedToTheAgent()
{
    QFETCH(bool, reachable);
    QFETCH(QString, pin);
    QFETCH(QString, station);
    QFETCH(QString, message);
    const QString server = m_engine->server();
    if (!reachable)
        m_engine->stop(); // nothing listens on that port any more
    LoginDialog dialog(*m_session);
    dialog.serverEdit()->setText(server);
    dialog.agentEdit()->setText(QStringLiteral("1001"));
    dialog.pinEdit()->setText(pin);
    dialog.stationEdit()->setText(station);
    QVERIFY(dialog.nextButton()->isEnabled());
    dialog.nextButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.messageLabel()->text().contains(message), 15000);
    QVERIFY(!dialog.onGroupsPage());
    QVERIFY(!m_session->isLoggedIn());
    QCOMPARE(m_session->linkState(), LinkState::Offline);
}

void AgentDesktopTest::repeatedWrongPinsAskTheAgentToWaitAMinute()
{
    // The engine blocks a user for a minute after 5 failed logins within 60 s.
    QSignalSpy failed(m_session.get(), &AgentSession::loginFailed);
    for (int attempt = 0; attempt < 6; ++attempt) {
        m_session->connectAgent({m_engine->server(), QStringLiteral("1001"),
                                 QStringLiteral("%1").arg(9000 + attempt), QStringLiteral("100")});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), attempt + 1, 10000);
    }
    QCOMPARE(failed.count(), 6);
    QCOMPARE(failed.at(0).at(0).toString(),
             QStringLiteral("The engine refused the login: the agent ID or the PIN is wrong."));
    QCOMPARE(failed.at(5).at(0).toString(),
             QStringLiteral("Too many failed logins. Try again in a minute."));
}

void AgentDesktopTest::loginOffersTheEnginesGroupsAndGoesReady()
{
    LoginDialog dialog(*m_session);
    dialog.serverEdit()->setText(m_engine->server());
    dialog.agentEdit()->setText(QStringLiteral("1001"));
    dialog.pinEdit()->setText(QStringLiteral("1234"));
    dialog.stationEdit()->setText(QStringLiteral("100"));
    dialog.nextButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.onGroupsPage(), 10000);
    QCOMPARE(m_session->groups()->rowCount(), 1);
    QCOMPARE(m_session->groups()->groups().at(0).name, QStringLiteral("sales-team"));
    QVERIFY(m_session->groups()->groups().at(0).checked); // first login: all preselected
    dialog.loginButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::Ready, 10000);
    QCOMPARE(m_session->linkState(), LinkState::Online);
    QCOMPARE(QSettings().value(QStringLiteral("login/station")).toString(), QStringLiteral("100"));
    QCOMPARE(QSettings().value(QStringLiteral("login/groups")).toStringList(),
             QStringList{QStringLiteral("{6b29fc40-ca47-1067-b31d-00dd010662da}")});
    // The queues of the group and the directory of the switch.
    QTRY_COMPARE_WITH_TIMEOUT(m_session->queues()->rowCount(), 1, 10000);
    QCOMPARE(m_session->queues()->name(0), QStringLiteral("sales"));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_session->queues()->index(0, QueueModel::WaitingColumn).data().toString(),
        QStringLiteral("0"), 10000);
    QCOMPARE(m_session->directory()->rowCount(), 20); // stations 101-119 and route point 9000
    const QModelIndexList queueLine = m_session->directory()->match(
        m_session->directory()->index(0, DirectoryModel::NumberColumn), Qt::DisplayRole,
        QStringLiteral("9000"), 1, Qt::MatchExactly);
    QCOMPARE(queueLine.size(), 1);
    QCOMPARE(queueLine.at(0).siblingAtColumn(DirectoryModel::KindColumn).data().toString(),
             QStringLiteral("Queue"));
    // The configured reason codes, then the engine's own (no answer, offer failed).
    QTRY_VERIFY_WITH_TIMEOUT(m_session->reasons().size() >= 2, 10000);
    QCOMPARE(m_session->reasons().at(0).code, 1u);
    QCOMPARE(m_session->reasons().at(0).name, QStringLiteral("Lunch"));
    QCOMPARE(m_session->reasons().at(1).name, QStringLiteral("Meeting"));
}

void AgentDesktopTest::aSwitchWithHundredsOfLinesDoesNotFloodTheEngineAtLogin()
{
    // 250 lines: 500 requests at login, well inside the engine's 2,000 frames a second (it
    // once allowed 200, which cut such logins off).
    m_engine = std::make_unique<EngineRunner>();
    QVERIFY2(m_engine->start(0, QStringLiteral("100-349")), qPrintable(m_engine->errors()));
    QVERIFY(login());
    QCOMPARE(m_session->directory()->rowCount(), 250); // 249 other stations and the route point
    QCOMPARE(m_session->linkState(), LinkState::Online);
}

void AgentDesktopTest::notReadyWithAReasonShowsTheReason()
{
    QVERIFY(login());
    StatePanel panel(*m_session);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->reasons().size() >= 2, 10000);
    m_session->goNotReady(2);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::NotReady, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->reasonName(), QStringLiteral("Meeting"), 10000);
    QCOMPARE(m_session->changedBy(), QString()); // the agent's own change
    QTRY_COMPARE(panel.stateText(), QStringLiteral("Not Ready"));
    QTRY_VERIFY(panel.detailText().contains(QStringLiteral("Reason: Meeting")));
}

void AgentDesktopTest::anOfferedCallRingsWithCallerAndQueueAndIsAnswered()
{
    QVERIFY(login());
    const int row = ring();
    QVERIFY(row >= 0);
    const Call *call = m_session->calls()->call(row);
    QCOMPARE(call->callerNumber, QStringLiteral("119"));
    QVERIFY(call->acd);
    QCOMPARE(call->queue, QStringLiteral("sales"));
    QCOMPARE(call->routePoint, QStringLiteral("9000"));
    QCOMPARE(m_session->calls()->index(row, CallModel::StateColumn).data().toString(),
             QStringLiteral("Ringing"));
    m_session->calls()->answer(call->handle);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_CONNECTED), row, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::OnAcdCall, 10000);
    QCOMPARE(m_session->calls()->index(row, CallModel::StateColumn).data().toString(),
             QStringLiteral("Talking"));
}

int AgentDesktopTest::answeredCall()
{
    const int row = ring();
    if (row < 0)
        return -1;
    m_session->calls()->answer(handleOf(row));
    QSignalSpy changed(m_session->calls(), &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 20 && m_session->calls()->findState(LINECALLSTATE_CONNECTED) != row; ++i)
        changed.wait(500);
    return m_session->calls()->findState(LINECALLSTATE_CONNECTED) == row ? row : -1;
}

void AgentDesktopTest::aHeldCallIsRetrieved()
{
    QVERIFY(login());
    const int row = answeredCall();
    QVERIFY(row >= 0);
    const HCALL call = handleOf(row);
    m_session->calls()->hold(call);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_ONHOLD), row, 10000);
    QCOMPARE(m_session->calls()->index(row, CallModel::StateColumn).data().toString(),
             QStringLiteral("On hold"));
    m_session->calls()->retrieve(call);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_CONNECTED), row, 10000);
}

void AgentDesktopTest::aBlindTransferEndsTheCallAndStartsWrapUp()
{
    QVERIFY(login());
    const int row = answeredCall();
    QVERIFY(row >= 0);
    m_session->calls()->blindTransfer(handleOf(row), QStringLiteral("101"));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::WrapUp, 10000);
    // The queue's 60 s came with the call (ACDCALLDATA version 2): the countdown runs at once.
    const int left = m_session->wrapUpSecondsLeft();
    QVERIFY2(left > 50 && left <= 60, qPrintable(QString::number(left)));
}

void AgentDesktopTest::doneEndsWrapUpEarlyAndTheCallCountsAsHandled()
{
    QVERIFY(login());
    const int row = answeredCall();
    QVERIFY(row >= 0);
    m_session->calls()->hangUp(handleOf(row));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::WrapUp, 10000);
    m_session->endWrapUp();
    // Auto-in: after wrap-up the agent is Ready again.
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->figures()->shift().calls, 1, 35000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->figures()->period().calls, 1, 35000);

    // A new login the same day still counts the call.
    m_customer.reset();
    QSignalSpy loggedOut(m_session.get(), &AgentSession::loggedOut);
    m_session->logout(0);
    QTRY_COMPARE_WITH_TIMEOUT(loggedOut.count(), 1, 10000);
    QVERIFY(login());
    QTRY_COMPARE_WITH_TIMEOUT(m_session->figures()->shift().calls, 1, 10000);
    QCOMPARE(m_session->figures()->index(0, 0).data().toString(),
             QStringLiteral("Calls handled (today)"));
}

void AgentDesktopTest::aConsultationEndsInATransferOrAConference_data()
{
    QTest::addColumn<int>("ending");
    QTest::newRow("transfer") << 0;
    QTest::newRow("conference") << 1;
    QTest::newRow("cancelled") << 2;
}

void AgentDesktopTest::aConsultationEndsInATransferOrAConference()
{
    QFETCH(int, ending);
    const bool conference = ending == 1;
    QVERIFY(login());
    const int row = ring();
    QVERIFY(row >= 0);
    const HCALL call = handleOf(row);
    m_session->calls()->answer(call);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_CONNECTED), row, 10000);

    m_session->calls()->consult(call, QStringLiteral("101"));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_ONHOLDPENDTRANSFER), row,
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 2, 10000);
    const Call *consultation = m_session->calls()->call(1);
    QCOMPARE(consultation->consultationOf, call);
    QCOMPARE(consultation->calledNumber, QStringLiteral("101"));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->calls()->call(1)->state
                                 & (LINECALLSTATE_RINGBACK | LINECALLSTATE_PROCEEDING
                                    | LINECALLSTATE_DIALING | LINECALLSTATE_CONNECTED),
                             10000);

    QSignalSpy failed(m_session->calls(), &CallModel::operationFailed);
    if (ending == 2) {
        // Retrieving the held call cancels the consultation.
        m_session->calls()->cancelConsultation(call);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_CONNECTED), 0, 10000);
        QCOMPARE(m_session->calls()->call(0)->handle, call);
        QVERIFY(failed.isEmpty());
        return;
    }
    m_session->calls()->completeConsultation(call, conference);
    if (conference) {
        // The agent stays in a three-way call; nothing is held for a transfer any more.
        QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_ONHOLDPENDTRANSFER),
                                  -1, 10000);
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(m_session->calls()->findState(LINECALLSTATE_CONNECTED | LINECALLSTATE_CONFERENCED)
                >= 0);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 0, 10000);
        QVERIFY(failed.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::WrapUp, 10000);
    }
}

void AgentDesktopTest::logoutEndsTheSession()
{
    QVERIFY(login(false));
    QSignalSpy loggedOut(m_session.get(), &AgentSession::loggedOut);
    m_session->logout(1);
    QTRY_COMPARE_WITH_TIMEOUT(loggedOut.count(), 1, 10000);
    QCOMPARE(loggedOut.at(0).at(0).toString(), QString()); // the agent's own logout
    QCOMPARE(m_session->state(), AgentState::LoggedOut);
    QCOMPARE(m_session->linkState(), LinkState::Offline);
    QVERIFY(!m_session->isLoggedIn());
    QCOMPARE(m_session->queues()->rowCount(), 0);
}

void AgentDesktopTest::aLogoutDuringACallWaitsForTheCallAndItsWrapUp()
{
    QVERIFY(login());
    const int row = answeredCall();
    QVERIFY(row >= 0);
    QSignalSpy loggedOut(m_session.get(), &AgentSession::loggedOut);
    QSignalSpy notice(m_session.get(), &AgentSession::notice);
    m_session->logout(0);
    QTRY_COMPARE_WITH_TIMEOUT(notice.count(), 1, 10000);
    QCOMPARE(notice.at(0).at(0).toString(),
             QStringLiteral("You will be logged out when the call and its wrap-up end."));
    QVERIFY(m_session->isLoggedIn());
    m_session->calls()->hangUp(handleOf(row));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::WrapUp, 10000);
    QVERIFY(loggedOut.isEmpty()); // the call is never cut, the wrap-up neither
    m_session->endWrapUp();
    QTRY_COMPARE_WITH_TIMEOUT(loggedOut.count(), 1, 10000);
    QCOMPARE(loggedOut.at(0).at(0).toString(), QString());
    QCOMPARE(m_session->state(), AgentState::LoggedOut);
}

void AgentDesktopTest::notReadyDuringACallBecomesTheNextState()
{
    QVERIFY(login());
    const int row = answeredCall();
    QVERIFY(row >= 0);
    StatePanel panel(*m_session);
    m_session->goNotReady(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->nextState(), AgentState::NotReady, 10000);
    QCOMPARE(m_session->state(), AgentState::OnAcdCall);
    QTRY_VERIFY(panel.detailText().contains(QStringLiteral("Next: Not Ready")));
    m_session->calls()->hangUp(handleOf(row));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::WrapUp, 10000);
    m_session->endWrapUp();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::NotReady, 10000);
}

void AgentDesktopTest::aCallIsDialledOut()
{
    QVERIFY(login());
    m_session->calls()->dial(QStringLiteral("101"));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->call(0)->calledNumber, QStringLiteral("101"),
                              10000);
    QCOMPARE(m_session->calls()->index(0, CallModel::CallerColumn).data().toString(),
             QStringLiteral("to 101"));
    QCOMPARE(m_session->calls()->index(0, CallModel::QueueColumn).data().toString(),
             QStringLiteral("direct"));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->calls()->call(0)->state
                                 & (LINECALLSTATE_DIALING | LINECALLSTATE_PROCEEDING
                                    | LINECALLSTATE_RINGBACK | LINECALLSTATE_CONNECTED),
                             10000);
    m_session->calls()->hangUp(m_session->calls()->call(0)->handle);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 0, 10000);
}

void AgentDesktopTest::aSupervisorsLogoutOpensTheLoginWithWhy()
{
    QVERIFY(login());
    MainWindow window(*m_session);
    desk::test::Supervisor carol(m_engine->port(), QStringLiteral("carol"),
                                 QStringLiteral("sup3rvise"));
    QVERIFY(carol.ok());
    QVERIFY(carol.request(
        {{QStringLiteral("op"), QStringLiteral("agent.logout")}, {QStringLiteral("agent"), 1001}}));
    QTRY_VERIFY_WITH_TIMEOUT(window.loginDialog() != nullptr, 10000);
    QCOMPARE(window.loginDialog()->messageLabel()->text(),
             QStringLiteral("You were logged out by the engine or a supervisor."));
    QCOMPARE(m_session->state(), AgentState::LoggedOut);
    QCOMPARE(m_session->linkState(), LinkState::Offline);
}

void AgentDesktopTest::aSupervisorsForcedNotReadyIsShownWithWhoAndWhy()
{
    QVERIFY(login());
    QTRY_VERIFY_WITH_TIMEOUT(m_session->reasons().size() >= 2, 10000);
    QSignalSpy elsewhere(m_session.get(), &AgentSession::changedElsewhere);
    desk::test::Supervisor carol(m_engine->port(), QStringLiteral("carol"),
                                 QStringLiteral("sup3rvise"));
    QVERIFY(carol.ok());
    QVERIFY(carol.request({{QStringLiteral("op"), QStringLiteral("agent.setState")},
                           {QStringLiteral("agent"), 1001},
                           {QStringLiteral("state"), QStringLiteral("not-ready")},
                           {QStringLiteral("reason"), 2}}));
    // The change may already have arrived while the supervisor waited for its answer.
    QTRY_VERIFY_WITH_TIMEOUT(!elsewhere.isEmpty(), 10000);
    QCOMPARE(elsewhere.at(0).at(0).toString(),
             QStringLiteral("supervisor carol set you to Not Ready (Meeting)."));
    QCOMPARE(m_session->state(), AgentState::NotReady);
    QCOMPARE(m_session->changedBy(), QStringLiteral("supervisor carol"));
    StatePanel panel(*m_session);
    QVERIFY(panel.detailText().contains(QStringLiteral("Set by supervisor carol")));

    // The agent picks another reason: the change is theirs again.
    m_session->goNotReady(1);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->reasonName(), QStringLiteral("Lunch"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->changedBy(), QString(), 10000);
    QCOMPARE(elsewhere.count(), 1); // told once
}

void AgentDesktopTest::anUnansweredCallPutsTheAgentNotReadyByTheSystem()
{
    QVERIFY(login());
    QSignalSpy elsewhere(m_session.get(), &AgentSession::changedElsewhere);
    QVERIFY(ring() >= 0);
    // Nobody answers: after the queue's ring timeout (4 s) the engine takes the call back.
    QTRY_VERIFY_WITH_TIMEOUT(!elsewhere.isEmpty(), 15000);
    QCOMPARE(m_session->state(), AgentState::NotReady);
    QCOMPARE(m_session->changedBy(), QStringLiteral("the system (call not answered)"));
    QCOMPARE(m_session->reasonCode(), 90u);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->rowCount(), 0, 10000);
}

void AgentDesktopTest::theEngineStoppingMidCallMarksTheCallLostAndTheLoginComesBack()
{
    QVERIFY(login());
    const int row = ring();
    QVERIFY(row >= 0);
    m_session->calls()->answer(handleOf(row));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_CONNECTED), row, 10000);
    StatePanel panel(*m_session);

    const int port = m_engine->port();
    m_customer.reset();
    m_engine->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->linkState(), LinkState::Reconnecting, 15000);
    QCOMPARE(m_session->calls()->rowCount(), 1);
    QVERIFY(m_session->calls()->call(0)->lost);
    QCOMPARE(m_session->calls()->index(0, CallModel::StateColumn).data().toString(),
             QStringLiteral("Lost (connection to the engine lost)"));
    QCOMPARE(m_session->calls()->findState(LINECALLSTATE_CONNECTED), -1); // never "talking"
    QVERIFY(panel.bannerText().contains(QStringLiteral("Connection to the engine lost")));
    QCOMPARE(m_session->state(), AgentState::Unknown); // not "on a call" any more
    QCOMPARE(panel.stateText(), QStringLiteral("Unknown"));

    QVERIFY2(m_engine->start(port), qPrintable(m_engine->errors()));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->linkState(), LinkState::Online, 40000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::Ready, 10000);
    QCOMPARE(m_session->calls()->rowCount(), 0); // the new engine has no calls
}

void AgentDesktopTest::aRestartedEngineGetsTheAgentBackNotReadyWithTheReason()
{
    QVERIFY(login());
    QTRY_VERIFY_WITH_TIMEOUT(m_session->reasons().size() >= 2, 10000);
    m_session->goNotReady(1);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->reasonName(), QStringLiteral("Lunch"), 10000);
    const int port = m_engine->port();
    m_engine->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->linkState(), LinkState::Reconnecting, 15000);
    QVERIFY2(m_engine->start(port), qPrintable(m_engine->errors()));
    QTRY_COMPARE_WITH_TIMEOUT(m_session->linkState(), LinkState::Online, 40000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), AgentState::NotReady, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->reasonName(), QStringLiteral("Lunch"), 10000);
    QCOMPARE(m_session->changedBy(), QString());
}

void AgentDesktopTest::theMainWindowAnswersTheRingingCallWithF9()
{
    QVERIFY(login());
    MainWindow window(*m_session);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(!window.action(QStringLiteral("answer"))->isEnabled());
    const int row = ring();
    QVERIFY(row >= 0);
    QTRY_VERIFY(window.action(QStringLiteral("answer"))->isEnabled());
    QTRY_COMPARE(window.statePanel()->stateText(), QStringLiteral("Ringing"));
    QTest::keyClick(&window, Qt::Key_F9);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->calls()->findState(LINECALLSTATE_CONNECTED), row, 10000);
    QTRY_COMPARE(window.statePanel()->stateText(), QStringLiteral("On ACD call"));
    QVERIFY(window.action(QStringLiteral("hangUp"))->isEnabled());
    QVERIFY(!window.action(QStringLiteral("answer"))->isEnabled());
}

void AgentDesktopTest::closingTheWindowLogsOutFirst()
{
    QVERIFY(login());
    MainWindow window(*m_session);
    window.show();
    QSignalSpy loggedOut(m_session.get(), &AgentSession::loggedOut);
    QVERIFY(!window.close()); // not yet: the logout goes to the engine first
    QVERIFY(window.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(loggedOut.count(), 1, 10000);
    QTRY_VERIFY(!window.isVisible());
    QCOMPARE(m_session->state(), AgentState::LoggedOut);
    QVERIFY(!window.loginDialog()); // closing, so no new login
}

void AgentDesktopTest::everyControlHasAnAccessibleName()
{
    QVERIFY(login());
    MainWindow window(*m_session);
    LoginDialog dialog(*m_session);
    auto insideAView = [](QWidget *w) {
        for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
            if (qobject_cast<QAbstractItemView *>(p))
                return true; // a view's own parts (corner button, editors)
        return false;
    };
    int checked = 0;
    for (QWidget *top : std::initializer_list<QWidget *>{&window, &dialog}) {
        for (QWidget *w : top->findChildren<QWidget *>()) {
            if (insideAView(w) || w->objectName().startsWith(QLatin1String("qt_")))
                continue; // Qt's internal widgets (toolbar extension, scroll bars)
            QString name = w->accessibleName();
            if (auto *button = qobject_cast<QAbstractButton *>(w); button && name.isEmpty())
                name = button->text(); // a button's text names it
            else if (!qobject_cast<QLineEdit *>(w) && !qobject_cast<QAbstractItemView *>(w))
                continue;
            ++checked;
            QVERIFY2(!name.isEmpty(), qPrintable(QString::fromLatin1(w->metaObject()->className())
                                                 + QLatin1Char(' ') + w->objectName()));
        }
    }
    QVERIFY(checked >= 20);
}

void AgentDesktopTest::theMainWindowGivesEveryActionAShortcutInItsTooltip()
{
    QVERIFY(login());
    MainWindow window(*m_session);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->reasons().size() >= 2, 10000);
    int checked = 0;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->objectName().isEmpty() || a->menu())
            continue;
        ++checked;
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->objectName()));
        QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(a->objectName()));
    }
    QVERIFY(checked >= 20); // 15 fixed actions and the reason entries
    QVERIFY(window.action(QStringLiteral("notReady2")));
    QVERIFY(window.action(QStringLiteral("ready"))
            && !window.action(QStringLiteral("ready"))->isEnabled());
    QVERIFY(window.action(QStringLiteral("notReady"))->isEnabled());
    QVERIFY(!window.action(QStringLiteral("answer"))->isEnabled());
    QTRY_COMPARE(window.statePanel()->stateText(), QStringLiteral("Ready"));
}

QTEST_MAIN(AgentDesktopTest)
#include "agent_desktop_test.moc"
