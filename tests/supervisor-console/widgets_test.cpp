// The console's widgets without an engine: thresholds are checked before they are kept and
// recolour the wallboard, the full-screen wallboard hides everything else, and the editor
// names the field of a client-side error. Offscreen platform.
#include "item_editor.h"
#include "main_window.h"
#include "thresholds_dialog.h"
#include "wallboard_view.h"

#include "supmodels/admin_model.h"
#include "supmodels/floor_state.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

using namespace acd::sup;

class WidgetsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("acd-suite-tests"));
        QSettings().clear();
    }

    void thresholdsWithRedBelowAmberAreRefused_data()
    {
        QTest::addColumn<int>("amber");
        QTest::addColumn<int>("red");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("red above amber") << 5 << 10 << true;
        QTest::newRow("red equal to amber") << 5 << 5 << true;
        QTest::newRow("red below amber") << 10 << 5 << false;
    }
    void thresholdsWithRedBelowAmberAreRefused()
    {
        QFETCH(int, amber);
        QFETCH(int, red);
        QFETCH(bool, accepted);
        ThresholdsDialog dialog("sales", Thresholds{});
        const auto spins = dialog.findChildren<QSpinBox *>();
        QVERIFY(spins.size() >= 2);
        spins[0]->setValue(amber); // calls waiting: amber, then red
        spins[1]->setValue(red);
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result() == QDialog::Accepted, accepted);
        if (accepted)
            QCOMPARE(dialog.thresholds().waitingRed, red);
    }

    void changedThresholdsRecolourTheWallboard()
    {
        FloorState floor;
        floor.thresholds().setEngine("test:1");
        floor.applySnapshot(
            {{"eseq", 1},
             {"queues", QJsonArray{QJsonObject{{"id", 10}, {"name", "sales"}, {"waiting", 3}}}},
             {"agents", QJsonArray()},
             {"sessions", QJsonArray()},
             {"calls", QJsonArray()}});
        const QModelIndex waiting = floor.queues().index(0, QueueModel::Waiting);
        QVERIFY(!waiting.data(Qt::BackgroundRole).isValid()); // 3 < amber 5
        QSignalSpy changed(&floor.queues(), &QAbstractItemModel::dataChanged);
        Thresholds t;
        t.waitingAmber = 2;
        floor.thresholds().setForQueue(10, t);
        QCOMPARE(changed.count(), 1);
        QVERIFY(waiting.data(Qt::BackgroundRole).isValid());
        // Kept per engine address and queue.
        ThresholdStore other;
        other.setEngine("test:1");
        QCOMPARE(other.forQueue(10).waitingAmber, 2);
    }

    void theFullScreenWallboardShowsNothingElse()
    {
        FloorState floor;
        MainWindow window(&floor);
        window.show();
        window.tabs()->setCurrentIndex(1);
        window.setWallMode(true);
        QVERIFY(window.menuBar()->isHidden());
        QVERIFY(window.tabs()->tabBar()->isHidden());
        QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget *>(window.wallboard()));
        window.setWallMode(false);
        QVERIFY(!window.menuBar()->isHidden());
        QVERIFY(!window.tabs()->tabBar()->isHidden());
    }

    void everyMenuActionHasAShortcut()
    {
        FloorState floor;
        MainWindow window(&floor);
        const auto menus = window.menuBar()->findChildren<QMenu *>();
        QVERIFY(!menus.isEmpty());
        for (QMenu *menu : menus)
            for (QAction *a : menu->actions())
                if (!a->isSeparator())
                    QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
    }

    void theEditorRefusesAnOutOfRangeFieldWithoutAskingTheEngine()
    {
        ProtocolClient offline; // not connected: a request would fail with "disconnected"
        AdminModel admin(&offline);
        admin.setKind("reasonCodes");
        ItemEditor editor(&admin, {});
        qobject_cast<QLineEdit *>(editor.editor("code"))->setText("120");
        qobject_cast<QLineEdit *>(editor.editor("name"))->setText("Coffee");
        editor.save();
        QVERIFY(!editor.errorLabel("code")->isHidden());
        QCOMPARE(editor.errorLabel("code")->text(), QString("Code: 120 is out of range 1..99"));
        QVERIFY(editor.errorLabel("name")->isHidden());
    }
};

QTEST_MAIN(WidgetsTest)
#include "widgets_test.moc"
