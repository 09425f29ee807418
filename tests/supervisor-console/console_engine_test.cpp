// The console against a real acd-engine with simulated traffic: the wallboard and the agents
// grid equal the engine's own snapshot, a forced state reaches the agent and is audited, a
// report equals acd-report's output for the same db, an admin change applies live, invalid
// admin input is refused with the engine's message next to the field, and a lost connection
// freezes the figures until the resync. Every model runs under QAbstractItemModelTester.
#include "engine_fixture.h"
#include "item_editor.h"
#include "main_window.h"
#include "sync_client.h"

#include "supmodels/admin_model.h"
#include "supmodels/agent_filter.h"
#include "supmodels/floor_state.h"
#include "supmodels/report_model.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QtTest>

#include <sqlite3.h>

using namespace acd::sup;
using namespace acd::sup::test;

namespace {

QJsonObject byId(const QJsonArray &items, int id)
{
    for (const QJsonValue &v : items)
        if (v.toObject().value("id").toInt() == id)
            return v.toObject();
    return {};
}

/// The audit rows (user, action, object) of the test's database.
QStringList auditRows(const QString &db)
{
    QStringList rows;
    sqlite3 *h = nullptr;
    if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(h, "SELECT user, action, object FROM audit_log ORDER BY at", -1, &st,
                               nullptr)
            == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW)
                rows.append(QStringLiteral("%1 %2 %3")
                                .arg(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                                     reinterpret_cast<const char *>(sqlite3_column_text(st, 1)),
                                     reinterpret_cast<const char *>(sqlite3_column_text(st, 2))));
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return rows;
}

/// Polls `matches` until it holds or `timeoutMs` of wall-clock time pass, processing events
/// between polls. Unlike QTRY_*, whose loop counts its steps rather than time and stops early
/// once anything has marked the test resolved, each poll here may take long (a report, a
/// snapshot request) and the wait is bounded in time.
template<typename Predicate>
bool eventually(Predicate matches, int timeoutMs)
{
    QElapsedTimer elapsed;
    elapsed.start();
    for (;;) {
        if (matches())
            return true;
        if (elapsed.elapsed() >= timeoutMs)
            return false;
        QTest::qWait(100);
    }
}

} // namespace

class ConsoleEngineTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("acd-suite-tests"));
        QVERIFY2(m_engine.start(), qPrintable(m_engine.errors()));
        QVERIFY(connectAs(m_oracle, m_engine.address(), "root", "adm1n"));
        loginAgents();
    }
    void cleanupTestCase() { m_engine.kill(); }

    void init()
    {
        m_floor = std::make_unique<FloorState>();
        m_floor->setReconnectDelayMs(200);
        // The admin tests log in as the admin, the others as the supervisor.
        const QByteArray test = QTest::currentTestFunction();
        const bool asAdmin = test.startsWith("invalidAdminInput")
                             || test.startsWith("anAdminChange")
                             || test.startsWith("aHolidayToday");
        const QString user = asAdmin ? "root" : "carol";
        const QString password = user == "root" ? "adm1n" : "carol-pw";
        m_floor->start(m_engine.address(), user, password);
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->status(), FloorState::Status::Live, 10000);
        m_testers.clear();
        m_filter = std::make_unique<AgentFilter>();
        m_filter->setSourceModel(&m_floor->agents());
        for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(&m_floor->queues()),
                                      static_cast<QAbstractItemModel *>(&m_floor->agents()),
                                      static_cast<QAbstractItemModel *>(m_filter.get())})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    void cleanup()
    {
        m_testers.clear();
        m_filter.reset();
        m_floor.reset();
    }

    void theWallboardEqualsTheEnginesSnapshot()
    {
        QVERIFY(m_floor->hasStatsTopic());
        // Traffic first, so the figures are not all zero.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_floor->queues().row(10) && m_floor->queues().row(10)->total.answered >= 2, 20000);
        // "Today" is the db's closed intervals of the day plus the live one.
        QTRY_VERIFY_WITH_TIMEOUT(m_floor->queues().hasDayBase(), 5000);
        // Live figures move: equal to some fresh snapshot within a bounded time.
        QString last;
        QVERIFY2(eventually([&] { return wallboardMatchesSnapshot(&last); }, 15000),
                 qPrintable(last));
    }

    void theAgentsGridEqualsTheEnginesSnapshot()
    {
        QString last;
        QVERIFY2(eventually([&] { return agentsMatchSnapshot(&last); }, 15000), qPrintable(last));
        QCOMPARE(m_floor->agents().row(1001)->station, QString("2001"));
        QCOMPARE(m_floor->agents().row(1001)->groups, QList<int>{1});
    }

    void aForcedNotReadyReachesTheAgentAndIsAudited()
    {
        const Reply r = waitReply(
            [&](ProtocolClient::Callback cb) { m_floor->forceNotReady(1002, 2, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        // Busy agents take it after the call (next state): wait for the agent to get there.
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->agents().row(1002)->activity, QString("not-ready"),
                                  15000);
        QCOMPARE(m_floor->agents().row(1002)->reason, 2);
        const QJsonObject engine = byId(
            call(m_oracle, "snapshot", {{"scope", "agent:1002"}}).result.value("agents").toArray(),
            1002);
        QCOMPARE(engine.value("activity").toString(), QString("not-ready"));
        QCOMPARE(engine.value("reason").toInt(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            auditRows(m_engine.databasePath()).contains("carol agent.setState agent:1002"), 5000);

        QVERIFY(waitReply([&](ProtocolClient::Callback cb) {
                    m_floor->forceReady(1002, std::move(cb));
                }).ok);
        QTRY_VERIFY_WITH_TIMEOUT(m_floor->agents().row(1002)->activity != "not-ready", 10000);
    }

    void aForcedLogoutReachesTheAgentAndIsAudited()
    {
        const Reply r = waitReply(
            [&](ProtocolClient::Callback cb) { m_floor->forceLogout(1003, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        // A call in progress ends first.
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->agents().row(1003)->activity, QString("logged-out"),
                                  15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->agents().row(1003)->station, QString(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            auditRows(m_engine.databasePath()).contains("carol agent.logout agent:1003"), 5000);
        loginAgent(1003);
    }

    void aReportEqualsAcdReportsOutput_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *k : {"calls", "call-summary", "queue", "agent", "reason-codes"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }
    void aReportEqualsAcdReportsOutput()
    {
        QFETCH(QString, kind);
        ReportModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A range ending now: calls still in progress complete soon, then both agree.
        const qint64 to = m_floor->engineNow();
        const qint64 from = to - 3600 * 1000;
        QString diff;
        QVERIFY2(eventually([&] { return reportMatches(kind, from, to, model, &diff); }, 20000),
                 qPrintable(diff));
        if (kind == "calls")
            QVERIFY(model.rowCount() > 0);
    }

    void anAdminChangeAppliesLive()
    {
        AdminModel admin(&m_floor->client());
        QAbstractItemModelTester tester(&admin,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        admin.setKind("queues");
        QVERIFY(waitReply([&](ProtocolClient::Callback cb) { admin.reload(std::move(cb)); }).ok);
        QCOMPARE(admin.rowCount(), 2);
        // A new queue shows on the wallboard without a restart or a reload.
        QJsonObject billing{{"id", 30}, {"name", "billing"}, {"group", 1}, {"skill", 1}};
        Reply r =
            waitReply([&](ProtocolClient::Callback cb) { admin.put(billing, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        QTRY_VERIFY_WITH_TIMEOUT(m_floor->queues().row(30) != nullptr, 5000);
        QCOMPARE(m_floor->queues().row(30)->name, QString("billing"));
        QTRY_COMPARE_WITH_TIMEOUT(admin.rowCount(), 3, 5000);
        // A changed routing rule is what the engine routes by from now on.
        billing["relaxation"] =
            QJsonArray{QJsonObject{{"afterSeconds", 10}, {"action", "add-queue"}, {"value", 10}}};
        r = waitReply([&](ProtocolClient::Callback cb) { admin.put(billing, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        const QJsonArray stored = call(m_oracle, "admin.get", {{"kind", "queues"}, {"key", 30}})
                                      .result.value("item")
                                      .toObject()
                                      .value("relaxation")
                                      .toArray();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0].toObject().value("action").toString(), QString("add-queue"));
        QCOMPARE(stored[0].toObject().value("value").toInt(), 10);
        // A deleted queue leaves the wallboard.
        r = waitReply([&](ProtocolClient::Callback cb) { admin.remove(30, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->queues().row(30), nullptr, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(admin.rowCount(), 2, 5000);
    }

    void aHolidayTodayClosesTheQueueLive()
    {
        AdminModel admin(&m_floor->client());
        admin.setKind("queues");
        QJsonObject sales = call(m_oracle, "admin.get", {{"kind", "queues"}, {"key", 20}})
                                .result.value("item")
                                .toObject();
        QCOMPARE(m_floor->queues()
                     .index(m_floor->queues().rowOf(20), QueueModel::Open)
                     .data()
                     .toString(),
                 QString("open"));
        const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        sales["holidays"] = QJsonArray{today};
        Reply r = waitReply([&](ProtocolClient::Callback cb) { admin.put(sales, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->queues().row(20)->open, false, 5000);
        QCOMPARE(m_floor->queues()
                     .index(m_floor->queues().rowOf(20), QueueModel::Open)
                     .data()
                     .toString(),
                 QString("closed"));
        sales.remove("holidays");
        r = waitReply([&](ProtocolClient::Callback cb) { admin.put(sales, std::move(cb)); });
        QVERIFY2(r.ok, qPrintable(r.message));
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->queues().row(20)->open, true, 5000);
    }

    void invalidAdminInputIsRefusedWithTheEnginesMessageNextToTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("errorField");
        QTest::addColumn<QString>("message");
        QTest::newRow("checked by the console: negative wait")
            << "maxWaitSeconds"
            << "-1"
            << "maxWaitSeconds"
            << "Max wait before overflow (s, 0 never): -1 is out of range 0..604800";
        QTest::newRow("checked by the engine: unknown group")
            << "group"
            << "7"
            << "group"
            << "queues 31 'audit': field group: unknown group 7";
        QTest::newRow("checked by the console: business hours ending before they start")
            << "hours"
            << "mon,fri 18:00 08:00"
            << "openHours"
            << "hours 1: to 08:00 must be later than from 18:00";
        QTest::newRow("checked by the engine: unknown time zone")
            << "timeZone"
            << "Mars/Olympus"
            << "timeZone"
            << "queues 31 'audit': field timeZone: unknown time zone 'Mars/Olympus' (an IANA name "
               "such as 'Europe/Paris')";
        QTest::newRow("checked by the engine: overflow into an unknown queue")
            << "overflowQueue"
            << "99"
            << "overflowQueue"
            << "queues 31 'audit': field overflowQueue: unknown queue 99";
    }
    void invalidAdminInputIsRefusedWithTheEnginesMessageNextToTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, errorField);
        QFETCH(QString, message);
        AdminModel admin(&m_floor->client());
        admin.setKind("queues");
        ItemEditor editor(&admin, {});
        auto set = [&](const char *f, const QString &v) {
            auto *e = qobject_cast<QLineEdit *>(editor.editor(QString::fromLatin1(f)));
            QVERIFY(e);
            e->setText(v);
        };
        set("id", "31");
        set("name", "audit");
        set("group", "1");
        set("skill", "1");
        if (field == "hours") {
            const QStringList parts = value.split(' ');
            editor.addHours(parts[0], parts[1], parts[2]);
        } else {
            set(field.toLatin1().constData(), value);
        }
        const int auditBefore = int(auditRows(m_engine.databasePath()).size());
        QSignalSpy saved(&editor, &ItemEditor::saved);
        editor.save();
        QLabel *error = editor.errorLabel(errorField);
        QVERIFY(error);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), 5000);
        QCOMPARE(error->text(), message);
        QCOMPARE(saved.count(), 0);
        const Reply stored = call(m_oracle, "admin.get", {{"kind", "queues"}, {"key", 31}});
        QCOMPARE(stored.code, QString("not_found"));
        QCOMPARE(int(auditRows(m_engine.databasePath()).size()), auditBefore);
    }

    void aLostConnectionFreezesTheFiguresUntilTheResync()
    {
        MainWindow window(m_floor.get());
        window.show();
        QVERIFY(window.banner()->isHidden());
        const qint64 before = m_floor->snapshotEseq();
        m_engine.kill();
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->status(), FloorState::Status::Disconnected, 10000);
        QVERIFY(m_floor->frozenAt().isValid());
        QVERIFY(!window.banner()->isHidden());
        QCOMPARE(window.banner()->text(),
                 QString("Disconnected - figures frozen at %1 (reconnecting...)")
                     .arg(m_floor->frozenAt().toString("HH:mm:ss")));
        QVERIFY(m_floor->queues().index(0, 0).data(Qt::ForegroundRole).isValid());
        QVERIFY(m_floor->agents().index(0, 0).data(Qt::ForegroundRole).isValid());
        QVERIFY2(m_engine.restart(), qPrintable(m_engine.errors()));
        QVERIFY(connectAs(m_oracle, m_engine.address(), "root", "adm1n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_floor->status(), FloorState::Status::Live, 15000);
        QVERIFY(!m_floor->frozenAt().isValid());
        QVERIFY(window.banner()->isHidden());
        QVERIFY(!m_floor->queues().index(0, 0).data(Qt::ForegroundRole).isValid());
        // A new engine run (its effect sequence starts again): the figures are the new snapshot's.
        QVERIFY(m_floor->snapshotEseq() < before);
        QString last;
        QVERIFY2(eventually([&] { return wallboardMatchesSnapshot(&last); }, 15000),
                 qPrintable(last));
        // A supervisor learns the reason names from the snapshot.
        QCOMPARE(m_floor->reasonNames().value(2), QString("Training"));
    }

private:
    void loginAgents()
    {
        for (int agent : {1001, 1002, 1003})
            loginAgent(agent);
    }

    void loginAgent(int agent)
    {
        const Reply login = call(m_oracle, "agent.login",
                                 {{"agent", agent},
                                  {"pin", "1234"},
                                  {"station", QString::number(agent + 1000)},
                                  {"groups", QJsonArray{1}}});
        QVERIFY2(login.ok, qPrintable(login.message));
        const int session = login.result.value("sessions").toArray().at(0).toInt();
        QVERIFY(call(m_oracle, "agent.setState", {{"agent", agent}, {"state", "ready"}}).ok);
        const Reply s = call(m_oracle, "agent.setSessionState",
                             {{"agent", agent}, {"session", session}, {"state", "ready"}});
        QVERIFY2(s.ok, qPrintable(s.message));
    }

    bool wallboardMatchesSnapshot(QString *why)
    {
        const Reply snap = call(m_oracle, "snapshot", {{"scope", "all"}});
        m_floor->flushNow();
        const QJsonArray queues = snap.result.value("queues").toArray();
        if (queues.size() != m_floor->queues().rowCount()) {
            *why = QStringLiteral("%1 queues, engine %2")
                       .arg(m_floor->queues().rowCount())
                       .arg(queues.size());
            return false;
        }
        for (const QJsonValue &v : queues) {
            const QJsonObject q = v.toObject();
            const int id = q.value("id").toInt();
            const QueueRow *row = m_floor->queues().row(id);
            if (!row) {
                *why = QStringLiteral("queue %1 missing").arg(id);
                return false;
            }
            const QueueCounters total = QueueCounters::fromJson(q.value("total").toObject());
            const QueueCounters interval = QueueCounters::fromJson(q.value("interval").toObject());
            const bool same = row->name == q.value("name").toString()
                              && row->waiting == q.value("waiting").toInt()
                              && row->staffed == q.value("agentsStaffed").toInt()
                              && row->available == q.value("agentsAvailable").toInt()
                              && row->onCall == q.value("agentsOnCall").toInt()
                              && row->wrapUp == q.value("agentsWrapUp").toInt()
                              && row->notReady == q.value("agentsNotReady").toInt()
                              && row->total == total && row->interval == interval;
            if (!same) {
                *why = QStringLiteral("queue %1 differs: answered %2 vs %3, waiting %4 vs %5")
                           .arg(id)
                           .arg(row->total.answered)
                           .arg(total.answered)
                           .arg(row->waiting)
                           .arg(q.value("waiting").toInt());
                return false;
            }
            // The shown KPIs are the report's formulas over the engine's counters; the engine
            // started today, so today's figures are its totals.
            const int r = m_floor->queues().rowOf(id);
            const qint64 answered =
                m_floor->queues().index(r, QueueModel::Answered).data().toLongLong();
            if (answered != total.answered) {
                *why = QStringLiteral("queue %1 answered today %2, engine total %3")
                           .arg(id)
                           .arg(answered)
                           .arg(total.answered);
                return false;
            }
            const double den = double(total.answered + total.abandoned);
            const QString sl =
                QString::number(den > 0 ? 100.0 * double(total.answeredInSl) / den : 0.0, 'f', 1)
                + QLatin1Char('%');
            const QString shown = m_floor->queues().index(r, QueueModel::SlToday).data().toString();
            if (shown != sl) {
                *why = QStringLiteral("queue %1 SL shown %2, expected %3").arg(id).arg(shown, sl);
                return false;
            }
        }
        return true;
    }

    bool agentsMatchSnapshot(QString *why)
    {
        const Reply snap = call(m_oracle, "snapshot", {{"scope", "all"}});
        m_floor->flushNow();
        for (const QJsonValue &v : snap.result.value("agents").toArray()) {
            const QJsonObject a = v.toObject();
            const AgentRow *row = m_floor->agents().row(a.value("id").toInt());
            if (!row || row->activity != a.value("activity").toString()
                || row->reason != a.value("reason").toInt()
                || row->answeredTotal != a.value("total").toObject().value("answered").toInteger()
                || row->call != a.value("currentCall").toInteger()) {
                *why = QStringLiteral("agent %1 differs").arg(a.value("id").toInt());
                return false;
            }
        }
        return true;
    }

    bool reportMatches(const QString &kind, qint64 from, qint64 to, ReportModel &model,
                       QString *why)
    {
        const Reply r =
            call(m_floor->client(), "report", {{"kind", kind}, {"from", from}, {"to", to}});
        if (!r.ok) {
            *why = r.code + ": " + r.message;
            return false;
        }
        model.setResult(r.result);
        QProcess tool;
        tool.start(QStringLiteral(ACD_REPORT_PATH),
                   {"--db", m_engine.databasePath(), kind, "--from", QString::number(from), "--to",
                    QString::number(to), "--csv"});
        if (!tool.waitForFinished(10000) || tool.exitCode() != 0) {
            *why = "acd-report failed: " + QString::fromUtf8(tool.readAllStandardError());
            return false;
        }
        const QString expected = QString::fromUtf8(tool.readAllStandardOutput());
        if (model.toCsv() != expected) {
            *why = QStringLiteral("console:\n%1\nacd-report:\n%2")
                       .arg(model.toCsv().left(400), expected.left(400));
            return false;
        }
        return true;
    }

    EngineFixture m_engine{1800};
    ProtocolClient m_oracle;
    std::unique_ptr<FloorState> m_floor;
    std::unique_ptr<AgentFilter> m_filter;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QTEST_MAIN(ConsoleEngineTest)
#include "console_engine_test.moc"
