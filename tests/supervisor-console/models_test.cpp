// The console's models without an engine: KPI formulas, threshold colours, batched updates
// (ranges of dataChanged, never a reset per event), resync rules, the agents filter, CSV and
// the admin forms' client-side checks. Every model runs under QAbstractItemModelTester.
#include "supmodels/admin_schema.h"
#include "supmodels/agent_filter.h"
#include "supmodels/floor_state.h"
#include "supmodels/report_model.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

using namespace acd::sup;

namespace {

QJsonObject counters(qint64 answered, qint64 inSl, qint64 abandoned, qint64 waitMs,
                     qint64 handled = 0, qint64 talkMs = 0)
{
    return {{"offered", answered + abandoned},
            {"answered", answered},
            {"answeredInSl", inSl},
            {"abandoned", abandoned},
            {"handled", handled},
            {"waitAnsweredMs", waitMs},
            {"talkMs", talkMs}};
}

QJsonObject queue(int id, int waiting = 0, qint64 answered = 0)
{
    return {{"id", id},
            {"name", QStringLiteral("q%1").arg(id)},
            {"waiting", waiting},
            {"ringing", 0},
            {"longestWaitMs", 0},
            {"agentsStaffed", 2},
            {"agentsAvailable", 1},
            {"total", counters(answered, answered, 0, 0)},
            {"interval", counters(answered, answered, 0, 0)}};
}

QJsonObject agent(int id, const QString &activity = QStringLiteral("available"))
{
    return {{"id", id},         {"name", QStringLiteral("a%1").arg(id)},
            {"state", "ready"}, {"activity", activity},
            {"reason", 0},      {"activitySince", 1000},
            {"currentCall", 0}, {"total", QJsonObject{{"answered", 3}}}};
}

QJsonObject snapshot(qint64 eseq, int queues, int agents)
{
    QJsonArray q, a, s;
    for (int i = 1; i <= queues; ++i)
        q.append(queue(i));
    for (int i = 1; i <= agents; ++i) {
        a.append(agent(1000 + i));
        s.append(QJsonObject{{"id", i},
                             {"agent", 1000 + i},
                             {"group", i % 2 ? 1 : 2},
                             {"station", QString::number(2000 + i)},
                             {"state", "ready"}});
    }
    return {{"eseq", eseq}, {"queues", q}, {"agents", a}, {"sessions", s}, {"calls", QJsonArray()}};
}

QJsonObject makeEvent(const char *ev, qint64 eseq, QJsonObject fields)
{
    fields.insert("ev", QString::fromLatin1(ev));
    fields.insert("eseq", eseq);
    fields.insert("at", 5000);
    return fields;
}

} // namespace

class ModelsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Keep the tests' thresholds away from a real user's settings.
        QCoreApplication::setOrganizationName(QStringLiteral("acd-suite-tests"));
    }
    void init()
    {
        QSettings().clear();
        m_floor = std::make_unique<FloorState>();
        m_testers.clear();
        for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(&m_floor->queues()),
                                      static_cast<QAbstractItemModel *>(&m_floor->agents())})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void cleanup()
    {
        m_testers.clear();
        m_floor.reset();
    }

    void kpisFollowTheReportDefinitions_data()
    {
        QTest::addColumn<QJsonObject>("counters");
        QTest::addColumn<double>("sl");
        QTest::addColumn<double>("asa");
        QTest::addColumn<double>("aht");
        QTest::newRow("no calls is 0, not a division by zero")
            << counters(0, 0, 0, 0) << 0.0 << 0.0 << 0.0;
        QTest::newRow("abandons count against the service level")
            << counters(3, 3, 1, 6000, 3, 30000) << 75.0 << 2.0 << 10.0;
        QTest::newRow("answered late is out of the service level")
            << counters(4, 1, 0, 40000, 2, 9000) << 25.0 << 10.0 << 4.5;
    }
    void kpisFollowTheReportDefinitions()
    {
        QFETCH(QJsonObject, counters);
        QFETCH(double, sl);
        QFETCH(double, asa);
        QFETCH(double, aht);
        const QueueCounters c = QueueCounters::fromJson(counters);
        QCOMPARE(c.serviceLevelPct(), sl);
        QCOMPARE(c.asaSeconds(), asa);
        QCOMPARE(c.ahtSeconds(), aht);
    }

    void thresholdsColourTheCells_data()
    {
        QTest::addColumn<int>("waiting");
        QTest::addColumn<int>("alert");
        QTest::newRow("below amber") << 4 << int(Alert::None);
        QTest::newRow("at amber") << 5 << int(Alert::Amber);
        QTest::newRow("at red") << 10 << int(Alert::Red);
    }
    void thresholdsColourTheCells()
    {
        QFETCH(int, waiting);
        QFETCH(int, alert);
        QCOMPARE(int(ThresholdStore::waitingAlert(Thresholds{}, waiting)), alert);
        m_floor->applySnapshot(snapshot(1, 1, 0));
        m_floor->applyEvent(
            makeEvent("queue.changed", 2, {{"queue", 1}, {"waiting", waiting}, {"ringing", 0}}));
        m_floor->flushNow();
        const QVariant brush =
            m_floor->queues().index(0, QueueModel::Waiting).data(Qt::BackgroundRole);
        QCOMPARE(brush.isValid(), alert != int(Alert::None));
    }

    void thresholdsAreKeptPerEngineAndQueue()
    {
        ThresholdStore a, b;
        a.setEngine("10.0.0.1:7400");
        b.setEngine("10.0.0.2:7400");
        Thresholds t;
        t.waitingRed = 42;
        a.setForQueue(10, t);
        QCOMPARE(a.forQueue(10).waitingRed, 42);
        QCOMPARE(a.forQueue(20).waitingRed, Thresholds{}.waitingRed);
        QCOMPARE(b.forQueue(10).waitingRed, Thresholds{}.waitingRed);
    }

    void aBurstOfEventsIsOneDataChangedPerRunOfRowsAndNoReset()
    {
        m_floor->applySnapshot(snapshot(10, 100, 0));
        QSignalSpy changed(&m_floor->queues(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&m_floor->queues(), &QAbstractItemModel::modelReset);
        // 300 events on rows 3-5 and 50: two runs.
        qint64 eseq = 11;
        for (int i = 0; i < 100; ++i)
            for (int q : {4, 5, 6})
                m_floor->applyEvent(
                    makeEvent("queue.stats", eseq++, {{"queue", queue(q, i % 7, i)}}));
        m_floor->applyEvent(
            makeEvent("queue.changed", eseq++, {{"queue", 51}, {"waiting", 3}, {"ringing", 0}}));
        QCOMPARE(changed.count(), 0); // nothing announced before the flush
        m_floor->flushNow();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed[0][0].value<QModelIndex>().row(), 3);
        QCOMPARE(changed[0][1].value<QModelIndex>().row(), 5);
        QCOMPARE(changed[1][0].value<QModelIndex>().row(), 50);
        QCOMPARE(m_floor->queues().index(3, QueueModel::Answered).data().toLongLong(), 99);
        QCOMPARE(m_floor->queues().index(50, QueueModel::Waiting).data().toInt(), 3);
    }

    void todayIsTheDaysClosedIntervalsPlusTheLiveOne()
    {
        m_floor->applySnapshot(snapshot(1, 1, 0));
        QueueModel &queues = m_floor->queues();
        // Before the db's intervals are known: the engine's totals.
        QCOMPARE(queues.index(0, QueueModel::Answered).data().toLongLong(), 0);
        const QStringList columns{"interval_start", "queue_id",  "queue",   "offered",
                                  "answered",       "abandoned", "handled", "service_level_pct",
                                  "asa_s",          "aht_s"};
        QHash<int, QueueCounters> closed;
        closed[1] =
            QueueCounters::fromReportRow(columns, {"2026-11-21T08:00:00Z", "1", "q1", "10", "8",
                                                   "2", "8", "70.00", "4.50", "100.00"});
        QCOMPARE(closed[1].answeredInSl, 7);
        QCOMPARE(closed[1].waitAnsweredMs, 36000);
        queues.setDayBase(closed);
        QVERIFY(queues.hasDayBase());
        QCOMPARE(queues.today(*queues.row(1)).answered, 8);
        // The live interval: 4 answered, all in SL.
        m_floor->applyEvent(makeEvent("queue.stats", 2, {{"queue", queue(1, 0, 4)}}));
        m_floor->flushNow();
        QCOMPARE(queues.index(0, QueueModel::Answered).data().toLongLong(), 12);
        QCOMPARE(queues.index(0, QueueModel::SlToday).data().toString(), QString("78.6%")); // 11/14
        QCOMPARE(queues.index(0, QueueModel::SlInterval).data().toString(), QString("100.0%"));
        // The interval closes: its counters move into today at once, the live one restarts.
        m_floor->applyEvent(makeEvent("interval.closed", 3,
                                      {{"start", QDateTime::currentMSecsSinceEpoch()},
                                       {"queues", QJsonArray{QJsonObject{{"queue", 1},
                                                                         {"offered", 4},
                                                                         {"answered", 4},
                                                                         {"answeredInSl", 4},
                                                                         {"abandoned", 0},
                                                                         {"handled", 4}}}}}));
        m_floor->flushNow();
        QCOMPARE(queues.index(0, QueueModel::Answered).data().toLongLong(), 12);
        QCOMPARE(queues.index(0, QueueModel::SlInterval).data().toString(), QString("0.0%"));
    }

    void aNewQueueIsInsertedAtTheNextFlush()
    {
        m_floor->applySnapshot(snapshot(10, 2, 0));
        QSignalSpy inserted(&m_floor->queues(), &QAbstractItemModel::rowsInserted);
        m_floor->applyEvent(makeEvent("queue.stats", 11, {{"queue", queue(30)}}));
        QCOMPARE(m_floor->queues().rowCount(), 2);
        m_floor->flushNow();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m_floor->queues().rowCount(), 3);
        QCOMPARE(m_floor->queues().index(2, QueueModel::Name).data().toString(), QString("q30"));
    }

    void aDeletedQueueOrAgentLeavesItsModel()
    {
        m_floor->applySnapshot(snapshot(1, 3, 3));
        m_floor->applyEvent(
            makeEvent("queue.changed", 2, {{"queue", 3}, {"waiting", 2}, {"ringing", 0}}));
        m_floor->applyEvent(makeEvent("queue.removed", 3, {{"queue", 2}}));
        m_floor->applyEvent(makeEvent("agent.removed", 4, {{"agent", 1001}}));
        m_floor->flushNow();
        QCOMPARE(m_floor->queues().rowCount(), 2);
        QCOMPARE(m_floor->queues().row(2), nullptr);
        QCOMPARE(m_floor->queues().row(3)->waiting, 2);
        QCOMPARE(
            m_floor->queues().index(m_floor->queues().rowOf(3), QueueModel::Waiting).data().toInt(),
            2);
        QCOMPARE(m_floor->agents().rowCount(), 2);
        QCOMPARE(m_floor->agents().index(0, 0).data(AgentModel::IdRole).toInt(), 1002);
    }

    void eventsNotNewerThanTheSnapshotAreIgnored_data()
    {
        QTest::addColumn<QString>("ev");
        QTest::addColumn<qint64>("eseq");
        QTest::addColumn<int>("waiting");
        QTest::newRow("raw event at the snapshot's eseq: ignored")
            << "queue.changed" << qint64(100) << 0;
        QTest::newRow("raw event after the snapshot: applied")
            << "queue.changed" << qint64(101) << 4;
        QTest::newRow("stats at the snapshot's eseq: applied (a whole later object)")
            << "queue.stats" << qint64(100) << 4;
        QTest::newRow("stats before the snapshot: ignored") << "queue.stats" << qint64(99) << 0;
        QTest::newRow("removal at the snapshot's eseq: applied (not an effect either)")
            << "queue.removed" << qint64(100) << -1;
    }
    void eventsNotNewerThanTheSnapshotAreIgnored()
    {
        QFETCH(QString, ev);
        QFETCH(qint64, eseq);
        QFETCH(int, waiting);
        m_floor->applySnapshot(snapshot(100, 1, 0));
        if (ev == "queue.removed")
            m_floor->applyEvent(makeEvent("queue.removed", eseq, {{"queue", 1}}));
        else if (ev == "queue.changed")
            m_floor->applyEvent(
                makeEvent("queue.changed", eseq, {{"queue", 1}, {"waiting", 4}, {"ringing", 0}}));
        else
            m_floor->applyEvent(makeEvent("queue.stats", eseq, {{"queue", queue(1, 4)}}));
        m_floor->flushNow();
        if (waiting < 0) // removed
            QCOMPARE(m_floor->queues().rowCount(), 0);
        else
            QCOMPARE(m_floor->queues().index(0, QueueModel::Waiting).data().toInt(), waiting);
    }

    void aNewCallsCallerComesWithItsQueuedEvent()
    {
        m_floor->applySnapshot(snapshot(1, 1, 2));
        m_floor->applyEvent(
            makeEvent("call.queued", 2, {{"call", 78}, {"queue", 1}, {"ani", "0170 555"}}));
        m_floor->applyEvent(
            makeEvent("call.offered", 3, {{"call", 78}, {"queue", 1}, {"agent", 1002}}));
        m_floor->flushNow();
        QCOMPARE(m_floor->agents().index(1, AgentModel::Caller).data().toString(),
                 QString("0170 555"));
    }

    void aCallAbandonedWhileRingingLeavesTheAgentsRow()
    {
        m_floor->applySnapshot(snapshot(1, 1, 2));
        m_floor->applyEvent(makeEvent("call.queued", 2, {{"call", 77}, {"queue", 1}}));
        m_floor->applyEvent(
            makeEvent("call.offered", 3, {{"call", 77}, {"queue", 1}, {"agent", 1002}}));
        m_floor->flushNow();
        QCOMPARE(m_floor->agents().row(1002)->call, qint64(77));
        m_floor->applyEvent(
            makeEvent("call.completed", 4, {{"call", 77}, {"queue", 1}, {"agent", 0}}));
        m_floor->flushNow();
        QCOMPARE(m_floor->agents().row(1002)->call, qint64(0));
        QCOMPARE(m_floor->agents().index(1, AgentModel::CallQueue).data().toString(), QString());
    }

    void theAgentsGridFiltersByGroupAndState_data()
    {
        QTest::addColumn<int>("group");
        QTest::addColumn<QString>("activity");
        QTest::addColumn<int>("rows");
        QTest::newRow("everyone") << 0 << QString() << 6;
        QTest::newRow("group 1") << 1 << QString() << 3;
        QTest::newRow("not ready") << 0 << "not-ready" << 1;
        QTest::newRow("group 2 and not ready") << 2 << "not-ready" << 1;
        QTest::newRow("group 1 and not ready") << 1 << "not-ready" << 0;
    }
    void theAgentsGridFiltersByGroupAndState()
    {
        QFETCH(int, group);
        QFETCH(QString, activity);
        QFETCH(int, rows);
        m_floor->applySnapshot(snapshot(1, 0, 6));
        m_floor->applyEvent(makeEvent(
            "agent.state", 2,
            {{"agent", 1002}, {"state", "not-ready"}, {"activity", "not-ready"}, {"reason", 1}}));
        m_floor->flushNow();
        AgentFilter filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&m_floor->agents());
        filter.setGroup(group);
        filter.setActivity(activity);
        QCOMPARE(filter.rowCount(), rows);
    }

    void theAgentsGridSortsTimeInStateByValueNotText()
    {
        m_floor->applySnapshot(snapshot(1, 0, 2));
        m_floor->applyEvent(makeEvent(
            "agent.state", 2,
            {{"agent", 1001}, {"state", "ready"}, {"activity", "on-call"}, {"reason", 0}}));
        m_floor->flushNow();
        AgentFilter filter;
        filter.setSourceModel(&m_floor->agents());
        filter.sort(AgentModel::TimeInState, Qt::DescendingOrder);
        // 1002 has been available since 1000 ms, 1001 on call since 5000 ms.
        QCOMPARE(filter.index(0, 0).data(AgentModel::IdRole).toInt(), 1002);
    }

    void disconnectingFreezesAndGreysTheFigures()
    {
        m_floor->applySnapshot(snapshot(1, 1, 1));
        m_floor->queues().setFrozen(true);
        QVERIFY(m_floor->queues().index(0, 0).data(Qt::ForegroundRole).isValid());
        m_floor->queues().setFrozen(false);
        QVERIFY(!m_floor->queues().index(0, 0).data(Qt::ForegroundRole).isValid());
    }

    void reportCsvIsRfc4180WithCrlf()
    {
        ReportModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setResult(
            {{"kind", "calls"},
             {"columns", QJsonArray{"call_id", "ani"}},
             {"rows", QJsonArray{QJsonArray{"1", "Smith, \"Bob\""}, QJsonArray{"2", "5551234"}}}});
        QCOMPARE(m.toCsv(), QString("call_id,ani\r\n1,\"Smith, \"\"Bob\"\"\"\r\n2,5551234\r\n"));
        QCOMPARE(m.index(1, 0).data(ReportModel::SortRole).toDouble(), 2.0);
    }

    void adminFormsRefuseObviousMistakesNamingTheField_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QJsonObject>("item");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        const QJsonObject q{{"id", 30}, {"name", "billing"}, {"group", 1}, {"skill", 1}};
        QJsonObject negativeWait = q;
        negativeWait["maxWaitSeconds"] = -1;
        QJsonObject badOrder = q;
        badOrder["relaxation"] = QJsonArray{
            QJsonObject{{"afterSeconds", 60}, {"action", "raise-priority"}, {"value", 1}},
            QJsonObject{{"afterSeconds", 30}, {"action", "raise-priority"}, {"value", 1}}};
        QJsonObject noName = q;
        noName.remove("name");
        QTest::newRow("negative wait")
            << "queues" << negativeWait << "maxWaitSeconds"
            << "Max wait before overflow (s, 0 never): -1 is out of range 0..604800";
        QTest::newRow("rules out of order")
            << "queues" << badOrder << "relaxation"
            << "rule 2: after 30 s comes before rule 1's 60 s; rules must be in ascending order";
        QTest::newRow("missing name") << "queues" << noName << "name"
                                      << "Name is required";
        QTest::newRow("pin with letters")
            << "agents" << QJsonObject{{"id", 1}, {"name", "A"}, {"pin", "12a4"}} << "pin"
            << "PIN: digits only";
        QJsonObject badHoliday = q;
        badHoliday["holidays"] = QJsonArray{"2026-02-30"};
        QTest::newRow("holiday that is no date")
            << "queues" << badHoliday << "holidays"
            << "Holidays (YYYY-MM-DD, ...): '2026-02-30' is not a date YYYY-MM-DD";
        QJsonObject badDay = q;
        badDay["openHours"] = QJsonArray{
            QJsonObject{{"days", QJsonArray{"mon", "funday"}}, {"from", "08:00"}, {"to", "18:00"}}};
        QTest::newRow("business hours on an unknown day")
            << "queues" << badDay << "openHours"
            << "hours 1: 'funday' is not mon, tue, wed, thu, fri, sat or sun";
        QTest::newRow("reason code out of range")
            << "reasonCodes" << QJsonObject{{"code", 100}, {"name", "x"}} << "code"
            << "Code: 100 is out of range 1..99";
    }
    void adminFormsRefuseObviousMistakesNamingTheField()
    {
        QFETCH(QString, kind);
        QFETCH(QJsonObject, item);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const auto error = validateItem(*adminKind(kind), item);
        QVERIFY(error.has_value());
        QCOMPARE(error->field, field);
        QCOMPARE(error->message, message);
    }

    void skillsTextRoundTrips_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("two skills") << "1:8, 3:5" << true << "1:8, 3:5";
        QTest::newRow("level defaults to 1") << "2" << true << "2:1";
        QTest::newRow("level out of range") << "1:17" << false << QString();
        QTest::newRow("not a number") << "english:3" << false << QString();
    }
    void skillsTextRoundTrips()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, normalised);
        QString error;
        const auto skills = parseSkills(text, &error);
        QCOMPARE(skills.has_value(), ok);
        if (ok)
            QCOMPARE(skillsText(*skills), normalised);
        else
            QVERIFY(!error.isEmpty());
    }

    void engineFieldPathsMapToTheFormsField()
    {
        QCOMPARE(topLevelField("relaxation[0].value"), QString("relaxation"));
        QCOMPARE(topLevelField("skills[1].skill"), QString("skills"));
        QCOMPARE(topLevelField("maxWaitSeconds"), QString("maxWaitSeconds"));
    }

private:
    std::unique_ptr<FloorState> m_floor;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QTEST_GUILESS_MAIN(ModelsTest)
#include "models_test.moc"
