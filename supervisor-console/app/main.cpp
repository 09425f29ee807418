// supervisor-console: log in, then the main window. Options:
//   --engine HOST:PORT --user U --password P   log in without the dialog (wall displays)
//   --wall                                      start in full-screen wallboard mode
//   --screenshot DIR [--screenshot-after S]     grab each page into DIR/supervisor-*.png
//                                               after S seconds of live data, then quit
//   --sample-ms MS, --chart-minutes M           chart sampling and span
#include "admin_view.h"
#include "item_editor.h"
#include "login_dialog.h"
#include "main_window.h"
#include "reports_view.h"

#include "supmodels/admin_model.h"
#include "supmodels/floor_state.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>

using namespace acd::sup;

namespace {

/// Logs in; blocks in a local event loop until the hello reply. Empty string: success.
QString login(FloorState &floor, const QString &address, const QString &user,
              const QString &password)
{
    QEventLoop loop;
    QString error;
    floor.start(address, user, password, [&](const Reply &r) {
        if (!r.ok)
            error = r.message.isEmpty() ? r.code : r.message;
        else if (r.result.value(QLatin1String("role")).toString() == QLatin1String("agent"))
            error =
                QObject::tr("%1 is an agent: the console is for supervisors and admins").arg(user);
        loop.quit();
    });
    loop.exec();
    if (!error.isEmpty())
        floor.stop();
    return error;
}

void grab(QWidget *w, const QString &dir, const QString &name)
{
    w->grab().save(QDir(dir).filePath(QStringLiteral("supervisor-%1.png").arg(name)));
}

/// The screenshots for the docs, one page after the other.
void screenshots(MainWindow *window, FloorState *floor, const QString &dir)
{
    QDir().mkpath(dir);
    auto *t = window->tabs();
    t->setCurrentIndex(0);
    grab(window, dir, QStringLiteral("wallboard"));
    t->setCurrentIndex(1);
    grab(window, dir, QStringLiteral("agents"));
    t->setCurrentIndex(2);
    grab(window, dir, QStringLiteral("charts"));
    t->setCurrentIndex(3);
    const qint64 now = floor->engineNow();
    auto adminShots = [=] {
        if (AdminView *admin = window->adminView()) {
            t->setCurrentWidget(admin);
            admin->showKind(QStringLiteral("queues"));
            QTimer::singleShot(1000, window, [=] {
                grab(window, dir, QStringLiteral("admin"));
                if (admin->model()->rowCount() > 0) {
                    ItemEditor *editor = admin->openEditor(0);
                    if (editor->rulesTable() && editor->rulesTable()->rowCount() == 0)
                        editor->addRule(30, QStringLiteral("lower-min-level"), 2);
                    if (editor->hoursTable() && editor->hoursTable()->rowCount() == 0)
                        editor->addHours(QStringLiteral("mon,tue,wed,thu,fri"),
                                         QStringLiteral("08:00"), QStringLiteral("18:00"));
                    editor->adjustSize();
                    // The routing rules and hours are at the form's end.
                    if (auto *scroll = editor->findChild<QScrollArea *>())
                        scroll->ensureWidgetVisible(editor->hoursTable());
                    QTimer::singleShot(300, window, [=] {
                        grab(editor, dir, QStringLiteral("rule-editor"));
                        qApp->quit();
                    });
                } else {
                    qApp->quit();
                }
            });
        } else {
            qApp->quit();
        }
    };
    QObject::connect(window->reportsView(), &ReportsView::finished, window, [=](bool) {
        // Charts lay out on the next turns of the event loop.
        QTimer::singleShot(700, window, [=] {
            grab(window, dir, QStringLiteral("report"));
            adminShots();
        });
    });
    window->reportsView()->run(QStringLiteral("call-summary"), now - 4 * 3600 * 1000, now + 60000);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("acd-suite"));
    QApplication::setApplicationName(QStringLiteral("supervisor-console"));
    QApplication::setApplicationVersion(QStringLiteral("1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("ACD supervisor console"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption engine(QStringLiteral("engine"), QObject::tr("Engine address."),
                              QStringLiteral("host:port"));
    QCommandLineOption user(QStringLiteral("user"), QObject::tr("User name."),
                            QStringLiteral("name"));
    QCommandLineOption password(QStringLiteral("password"), QObject::tr("Password."),
                                QStringLiteral("password"));
    QCommandLineOption wall(QStringLiteral("wall"), QObject::tr("Full-screen wallboard."));
    QCommandLineOption shots(QStringLiteral("screenshot"),
                             QObject::tr("Save screenshots to a folder and quit."),
                             QStringLiteral("dir"));
    QCommandLineOption sample(QStringLiteral("sample-ms"),
                              QObject::tr("Chart sample interval (ms)."), QStringLiteral("ms"),
                              QStringLiteral("10000"));
    QCommandLineOption span(QStringLiteral("chart-minutes"),
                            QObject::tr("Chart time span (minutes)."), QStringLiteral("minutes"),
                            QStringLiteral("240"));
    QCommandLineOption shotDelay(QStringLiteral("screenshot-after"),
                                 QObject::tr("Seconds of live data before the screenshots."),
                                 QStringLiteral("seconds"), QStringLiteral("8"));
    parser.addOptions({engine, user, password, wall, shots, sample, span, shotDelay});
    parser.process(app);

    FloorState floor;
    floor.setSampleIntervalMs(parser.value(sample).toInt());
    floor.history().setSpanMs(qint64(parser.value(span).toInt()) * 60000);
    if (parser.isSet(engine) && parser.isSet(user)) {
        const QString error =
            login(floor, parser.value(engine), parser.value(user), parser.value(password));
        if (!error.isEmpty()) {
            qCritical("%s", qPrintable(error));
            return 1;
        }
    } else {
        LoginDialog dialog;
        for (;;) {
            if (dialog.exec() != QDialog::Accepted)
                return 0;
            const QString error = login(floor, dialog.address(), dialog.user(), dialog.password());
            if (error.isEmpty()) {
                dialog.remember();
                break;
            }
            dialog.setError(error);
        }
    }

    MainWindow window(&floor);
    window.show();
    if (parser.isSet(wall))
        window.setWallMode(true);
    if (parser.isSet(shots)) {
        window.resize(1280, 760);
        const QString dir = parser.value(shots);
        // A few seconds of live traffic (and chart samples) before the grabs.
        QTimer::singleShot(parser.value(shotDelay).toInt() * 1000, &window,
                           [&window, &floor, dir] { screenshots(&window, &floor, dir); });
    }
    return app.exec();
}
