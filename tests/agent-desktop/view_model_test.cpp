// The desktop's pure pieces, without an engine: the state table, who-changed-it wording and
// the figures' arithmetic. Data-driven.
#include "agent_session.h"
#include "agent_state.h"
#include "day_totals.h"
#include "figures_model.h"
#include "tapi_structs.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QtTest>

using namespace desk;

class ViewModelTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("acd-suite-test"));
        QCoreApplication::setApplicationName(QStringLiteral("agent-desktop-view-model-test"));
    }

    // Found by the desktop's test under UBSan: the engine's call data sat at an offset that
    // is not a multiple of 4, and the desktop read its first DWORD through a pointer there.
    void aFixedSizeElementIsReadWhereverTheSenderPutIt()
    {
        VarStruct<LINECALLINFO> info(512);
        const DWORD value = 0x01020304;
        const std::size_t unaligned = sizeof(LINECALLINFO) + 1;
        std::memcpy(const_cast<char *>(info.bytes()) + unaligned, &value, sizeof value);
        const std::optional<DWORD> read = info.read<DWORD>(unaligned);
        QVERIFY(read.has_value());
        QCOMPARE(*read, value);
    }

    void aFixedSizeElementNotWhollyInTheBufferIsNotRead()
    {
        VarStruct<LINECALLINFO> info(512);
        QVERIFY(!info.read<DWORD>(0).has_value()); // offset 0: absent in TAPI
        QVERIFY(!info.read<DWORD>(509).has_value());
        QVERIFY(info.read<DWORD>(508).has_value());
        QVERIFY(!info.read<DWORD>(0xFFFFFFFFu).has_value());
        QVERIFY(!info.read<DWORD>(std::size_t(-2)).has_value()); // would wrap around
    }

    void aListWhoseCountRunsPastTheBufferEndsWithItsLastWholeEntry()
    {
        VarStruct<LINEQUEUELIST> list(sizeof(LINEQUEUELIST) + 2 * sizeof(LINEQUEUEENTRY) + 3);
        const std::size_t offset = sizeof(LINEQUEUELIST) + 1; // not aligned either
        for (DWORD i = 0; i < 2; ++i) {
            LINEQUEUEENTRY e{};
            e.dwQueueID = 100 + i;
            std::memcpy(const_cast<char *>(list.bytes()) + offset + i * sizeof e, &e, sizeof e);
        }
        const std::vector<LINEQUEUEENTRY> entries =
            list.entries<LINEQUEUEENTRY>(0xFFFFFFFFu, static_cast<DWORD>(offset));
        QCOMPARE(entries.size(), std::size_t(2));
        QCOMPARE(entries[0].dwQueueID, DWORD(100));
        QCOMPARE(entries[1].dwQueueID, DWORD(101));
        QCOMPARE(list.entries<LINEQUEUEENTRY>(1, static_cast<DWORD>(offset)).size(),
                 std::size_t(1));
    }

    void eachTapiAgentStateHasItsDesktopState_data()
    {
        QTest::addColumn<quint32>("tapi");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("name");
        QTest::newRow("logged off")
            << quint32(LINEAGENTSTATE_LOGGEDOFF) << int(AgentState::LoggedOut) << "Logged out";
        QTest::newRow("not ready")
            << quint32(LINEAGENTSTATE_NOTREADY) << int(AgentState::NotReady) << "Not Ready";
        QTest::newRow("ready") << quint32(LINEAGENTSTATE_READY) << int(AgentState::Ready)
                               << "Ready";
        QTest::newRow("busy ACD") << quint32(LINEAGENTSTATE_BUSYACD) << int(AgentState::OnAcdCall)
                                  << "On ACD call";
        QTest::newRow("busy incoming") << quint32(LINEAGENTSTATE_BUSYINCOMING)
                                       << int(AgentState::OnOtherCall) << "On other call";
        QTest::newRow("busy outbound") << quint32(LINEAGENTSTATE_BUSYOUTBOUND)
                                       << int(AgentState::OnOtherCall) << "On other call";
        QTest::newRow("after call")
            << quint32(LINEAGENTSTATE_WORKINGAFTERCALL) << int(AgentState::WrapUp) << "Wrap-up";
        QTest::newRow("unknown") << quint32(LINEAGENTSTATE_UNKNOWN) << int(AgentState::Unknown)
                                 << "Unknown";
        QTest::newRow("no flag") << quint32(0) << int(AgentState::Unknown) << "Unknown";
    }
    void eachTapiAgentStateHasItsDesktopState()
    {
        QFETCH(quint32, tapi);
        QFETCH(int, state);
        QFETCH(QString, name);
        QCOMPARE(int(fromLineAgentState(tapi)), state);
        QCOMPARE(displayName(AgentState(state)), name);
        QCOMPARE(fromKey(key(AgentState(state))), AgentState(state)); // the table round-trips
    }

    void whoChangedTheStateIsNamedForTheAgent_data()
    {
        QTest::addColumn<QString>("forcedBy");
        QTest::addColumn<QString>("text");
        QTest::newRow("the agent") << ""
                                   << "";
        QTest::newRow("ring no answer") << "system:rona"
                                        << "the system (call not answered)";
        QTest::newRow("offer failed") << "system:offer-failed"
                                      << "the system";
        QTest::newRow("supervisor") << "carol"
                                    << "supervisor carol";
    }
    void whoChangedTheStateIsNamedForTheAgent()
    {
        QFETCH(QString, forcedBy);
        QFETCH(QString, text);
        QCOMPARE(AgentSession::describeChanger(forcedBy), text);
    }

    void averagesAreTotalsPerHandledCall_data()
    {
        QTest::addColumn<int>("calls");
        QTest::addColumn<int>("talk");
        QTest::addColumn<int>("handle");
        QTest::addColumn<QString>("averageTalk");
        QTest::addColumn<QString>("averageHandle");
        QTest::newRow("no calls") << 0 << 0 << 0 << "0:00:00"
                                  << "0:00:00";
        QTest::newRow("one call") << 1 << 75 << 105 << "0:01:15"
                                  << "0:01:45";
        QTest::newRow("three calls") << 3 << 300 << 3 * 3700 << "0:01:40"
                                     << "1:01:40";
    }
    void averagesAreTotalsPerHandledCall()
    {
        QFETCH(int, calls);
        QFETCH(int, talk);
        QFETCH(int, handle);
        QFETCH(QString, averageTalk);
        QFETCH(QString, averageHandle);
        FiguresModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPeriod(CallFigures{true, calls, talk, handle}, 1800);
        QCOMPARE(model.index(3, 0).data().toString(),
                 QStringLiteral("Calls handled (last 30 min)"));
        QCOMPARE(model.index(3, 1).data().toString(), QString::number(calls));
        QCOMPARE(model.index(4, 1).data().toString(), averageTalk);
        QCOMPARE(model.index(5, 1).data().toString(), averageHandle);
    }

    void theDaysFiguresAddUpLoginsOfTheSameDayOnly_data()
    {
        QTest::addColumn<int>("daysLater");
        QTest::addColumn<int>("calls");
        QTest::addColumn<qint64>("readySeconds");
        QTest::newRow("same day") << 0 << 5 << qint64(300);
        QTest::newRow("next day") << 1 << 0 << qint64(0);
    }
    void theDaysFiguresAddUpLoginsOfTheSameDayOnly()
    {
        QFETCH(int, daysLater);
        QFETCH(int, calls);
        QFETCH(qint64, readySeconds);
        QSettings().remove(QStringLiteral("day"));
        const QDate today(2026, 11, 21);
        DayTotals first(today);
        first.addLogin(CallFigures{true, 2, 100, 160}, {{AgentState::Ready, 120}});
        DayTotals second(today);
        second.addLogin(CallFigures{true, 3, 50, 80},
                        {{AgentState::Ready, 180}, {AgentState::LoggedOut, 999}});
        DayTotals later(today.addDays(daysLater));
        QCOMPARE(later.calls().calls, calls);
        QCOMPARE(later.stateSeconds().value(AgentState::Ready), readySeconds);
        QCOMPARE(later.stateSeconds().value(AgentState::LoggedOut), qint64(0));
        if (daysLater == 0) {
            QCOMPARE(later.calls().talkSeconds, 150);
            QCOMPARE(later.calls().handleSeconds, 240);
        }
    }

    void figuresNotYetReadShowADash()
    {
        FiguresModel model;
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("-"));
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("-"));
    }
};

QTEST_GUILESS_MAIN(ViewModelTest)
#include "view_model_test.moc"
