#include "main_window.h"

#include "admin_view.h"
#include "agents_view.h"
#include "charts_view.h"
#include "reports_view.h"
#include "wallboard_view.h"

#include "supmodels/admin_model.h"
#include "supmodels/floor_state.h"

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace acd::sup {

MainWindow::MainWindow(FloorState *floor, QWidget *parent)
    : QMainWindow(parent)
    , m_floor(floor)
    , m_banner(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_wallboard(new WallboardView(floor, this))
    , m_agents(new AgentsView(floor, this))
    , m_charts(new ChartsView(floor, this))
    , m_reports(new ReportsView(floor, this))
{
    setWindowTitle(
        tr("Supervisor console - %1 (%2)").arg(floor->address(), floor->client().role()));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setAccessibleName(tr("Connection status"));
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: #b71c1c; color: white; font-weight: bold; padding: 6px; }"));
    m_banner->hide();
    m_tabs->addTab(m_wallboard, tr("Wallboard"));
    m_tabs->addTab(m_agents, tr("Agents"));
    m_tabs->addTab(m_charts, tr("Charts"));
    m_tabs->addTab(m_reports, tr("Reports"));
    if (floor->client().role() == QLatin1String("admin")) {
        m_admin = new AdminView(floor, this);
        m_tabs->addTab(m_admin, tr("Administration"));
    }
    // No mnemonics on the tabs: the menus own Alt+letter; the pages have Ctrl+1..5.
    m_tabs->setAccessibleName(tr("Console pages"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs);
    setCentralWidget(central);
    buildMenus();

    connect(floor, &FloorState::statusChanged, this, &MainWindow::updateBanner);
    updateBanner();

    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    m_tabs->setCurrentIndex(s.value(QStringLiteral("window/tab"), 0).toInt());
    if (m_admin)
        connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) {
            if (m_tabs->widget(i) == m_admin && !m_admin->model()->spec())
                m_admin->showKind(QStringLiteral("agents"));
        });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Explicit: QKeySequence::Quit is empty on some platforms (the test found it).
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *a = view->addAction(m_tabs->tabText(i).remove(QLatin1Char('&')), this,
                                     [this, i] { m_tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *wall = view->addAction(tr("&Full-screen wallboard"));
    wall->setCheckable(true);
    wall->setShortcut(QKeySequence(Qt::Key_F11));
    wall->setToolTip(tr("Wallboard alone, full screen, large type (F11)"));
    connect(wall, &QAction::toggled, this, &MainWindow::setWallMode);
    addAction(wall); // keeps F11 working while the menu bar is hidden

    QMenu *board = menuBar()->addMenu(tr("Wallboard"));
    board->addAction(m_wallboard->thresholdsAction());
    QMenu *agents = menuBar()->addMenu(tr("A&gents"));
    agents->addActions(m_agents->agentActions());
    QMenu *reports = menuBar()->addMenu(tr("Reports"));
    reports->addActions(m_reports->reportActions());
    if (m_admin) {
        QMenu *admin = menuBar()->addMenu(tr("Ad&ministration"));
        admin->addActions(m_admin->adminActions());
    }
}

void MainWindow::setWallMode(bool on)
{
    m_wallMode = on;
    menuBar()->setVisible(!on);
    m_tabs->tabBar()->setVisible(!on);
    if (on) {
        m_tabs->setCurrentWidget(m_wallboard);
        showFullScreen();
    } else {
        showNormal();
    }
    m_wallboard->setWallMode(on);
}

void MainWindow::updateBanner()
{
    switch (m_floor->status()) {
    case FloorState::Status::Live:
        m_banner->hide();
        statusBar()->showMessage(tr("Live - %1").arg(m_floor->address()));
        m_tabs->setEnabled(true);
        break;
    case FloorState::Status::Disconnected:
    case FloorState::Status::Connecting:
    case FloorState::Status::Syncing:
        if (m_floor->frozenAt().isValid()) {
            m_banner->setText(tr("Disconnected - figures frozen at %1 (reconnecting...)")
                                  .arg(m_floor->frozenAt().toString(QStringLiteral("HH:mm:ss"))));
            m_banner->show();
        }
        statusBar()->showMessage(tr("Connecting to %1...").arg(m_floor->address()));
        break;
    case FloorState::Status::Offline:
        m_banner->setText(tr("Offline"));
        m_banner->show();
        break;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings s;
    if (m_wallMode)
        setWallMode(false);
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    event->accept();
}

} // namespace acd::sup
