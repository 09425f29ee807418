#include "main_window.h"

#include "agent_session.h"
#include "call_model.h"
#include "directory_model.h"
#include "figures_model.h"
#include "login_dialog.h"
#include "queue_model.h"
#include "state_panel.h"
#include "transfer_dialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace desk {
namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &accessibleName)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The first column (caller, figure, queue name) takes the spare width.
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return view;
}

QGroupBox *boxed(const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

MainWindow::MainWindow(AgentSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setWindowTitle(tr("Agent Desktop"));
    setWindowIcon(style()->standardIcon(QStyle::SP_ComputerIcon));

    m_statePanel = new StatePanel(session);
    m_callView = makeTable(session.calls(), tr("Calls"));
    m_callView->setObjectName(QStringLiteral("callView"));
    m_figuresView = makeTable(session.figures(), tr("My figures"));
    m_queueView = makeTable(session.queues(), tr("My queues"));

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(boxed(tr("My figures"), m_figuresView));
    bottom->addWidget(boxed(tr("My queues"), m_queueView));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(boxed(tr("Calls"), m_callView));
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_statePanel);
    layout->addWidget(split, 1);
    setCentralWidget(central);

    m_linkLabel = new QLabel;
    m_linkLabel->setAccessibleName(tr("Connection state"));
    statusBar()->addPermanentWidget(m_linkLabel);

    buildActions();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(windowTitle());
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
    }

    connect(&session, &AgentSession::linkStateChanged, this, [this](LinkState state) {
        m_linkLabel->setText(displayName(state));
        if (state == LinkState::Reconnecting)
            notify(tr("Connection lost"),
                   tr("The connection to the engine was lost. Reconnecting."));
        updateActions();
    });
    connect(&session, &AgentSession::stateChanged, this, [this] { updateActions(); });
    connect(&session, &AgentSession::reasonsChanged, this, [this] { buildReasonMenus(); });
    connect(&session, &AgentSession::notice, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(&session, &AgentSession::changedElsewhere, this, [this](const QString &text) {
        statusBar()->showMessage(text, 30000);
        notify(tr("State changed"), text);
    });
    connect(&session, &AgentSession::restored, this, [this] {
        statusBar()->showMessage(tr("Reconnected: your login was restored."), 10000);
    });
    connect(&session, &AgentSession::loggedIn, this, [this] {
        setWindowTitle(
            tr("Agent Desktop - agent %1 at %2").arg(m_session.agentId(), m_session.station()));
        updateActions();
    });
    connect(&session, &AgentSession::loggedOut, this, [this](const QString &why) {
        setWindowTitle(tr("Agent Desktop"));
        updateActions();
        if (m_closing)
            close();
        else
            showLogin(why);
    });
    connect(session.calls(), &CallModel::incomingCall, this,
            [this](const QString &caller, const QString &queue, int waited) {
                alertIncoming(caller, queue, waited);
            });
    connect(session.calls(), &QAbstractItemModel::dataChanged, this, [this] { updateActions(); });
    connect(session.calls(), &QAbstractItemModel::rowsInserted, this, [this] { updateActions(); });
    connect(session.calls(), &QAbstractItemModel::rowsRemoved, this, [this] { updateActions(); });
    connect(session.calls(), &QAbstractItemModel::modelReset, this, [this] { updateActions(); });
    connect(m_callView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateActions(); });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(960, 680);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_linkLabel->setText(displayName(session.linkState()));
    updateActions();
}

MainWindow::~MainWindow() = default;

LoginDialog *MainWindow::loginDialog() const
{
    return m_login.data();
}

QAction *MainWindow::addAction(QMenu *menu, const QString &name, const QString &text,
                               const QKeySequence &shortcut, std::function<void()> slot)
{
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcut(shortcut);
    a->setShortcutContext(Qt::ApplicationShortcut);
    QString plain = text;
    plain.remove(QLatin1Char('&'));
    a->setToolTip(tr("%1 (%2)").arg(plain, shortcut.toString(QKeySequence::NativeText)));
    connect(a, &QAction::triggered, this, [slot = std::move(slot)] { slot(); });
    if (menu)
        menu->addAction(a);
    return a;
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::buildActions()
{
    QMenu *agentMenu = menuBar()->addMenu(tr("&Agent"));
    QMenu *callMenu = menuBar()->addMenu(tr("&Call"));
    QMenu *viewMenu = menuBar()->addMenu(tr("&Options"));
    QToolBar *stateBar = addToolBar(tr("State"));
    stateBar->setObjectName(QStringLiteral("stateToolBar"));
    QToolBar *callBar = addToolBar(tr("Calls"));
    callBar->setObjectName(QStringLiteral("callToolBar"));
    stateBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    callBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    stateBar->addAction(addAction(agentMenu, QStringLiteral("ready"), tr("&Ready"),
                                  QKeySequence(Qt::Key_F5), [this] { m_session.goReady(); }));
    m_notReadyMenu = agentMenu->addMenu(tr("&Not Ready"));
    QAction *notReady = addAction(nullptr, QStringLiteral("notReady"), tr("&Not Ready"),
                                  QKeySequence(Qt::Key_F6), [this] { m_session.goNotReady(0); });
    stateBar->addAction(notReady);
    stateBar->addAction(addAction(agentMenu, QStringLiteral("doneWrapUp"), tr("&Done (wrap-up)"),
                                  QKeySequence(Qt::Key_F7), [this] { m_session.endWrapUp(); }));
    agentMenu->addSeparator();
    m_logoutMenu = agentMenu->addMenu(tr("&Log out"));
    stateBar->addAction(addAction(nullptr, QStringLiteral("logout"), tr("&Log out"),
                                  QKeySequence(tr("Ctrl+Shift+L")),
                                  [this] { m_session.logout(0); }));
    buildReasonMenus();

    callBar->addAction(addAction(
        callMenu, QStringLiteral("answer"), tr("&Answer"), QKeySequence(Qt::Key_F9), [this] {
            if (HCALL c = targetCall(LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED))
                m_session.calls()->answer(c);
        }));
    callBar->addAction(addAction(
        callMenu, QStringLiteral("hangUp"), tr("&Hang up"), QKeySequence(Qt::Key_F10), [this] {
            if (HCALL c = targetCall(~DWORD(LINECALLSTATE_IDLE | LINECALLSTATE_OFFERING)))
                m_session.calls()->hangUp(c);
        }));
    callBar->addAction(addAction(
        callMenu, QStringLiteral("hold"), tr("H&old/Retrieve"), QKeySequence(Qt::Key_F11), [this] {
            // A call held for a transfer is retrieved too: that cancels the consultation.
            if (HCALL c =
                    targetCall(LINECALLSTATE_ONHOLDPENDTRANSFER | LINECALLSTATE_ONHOLDPENDCONF)) {
                m_session.calls()->cancelConsultation(c);
                return;
            }
            if (HCALL c = targetCall(LINECALLSTATE_ONHOLD)) {
                const int row = m_session.calls()->rowOf(c);
                const bool selected = m_callView->currentIndex().row() == row;
                // Retrieve the selected held call, or the only held one
                // when nothing talks.
                if (selected || !targetCall(LINECALLSTATE_CONNECTED)) {
                    m_session.calls()->retrieve(c);
                    return;
                }
            }
            if (HCALL c = targetCall(LINECALLSTATE_CONNECTED))
                m_session.calls()->hold(c);
        }));
    callMenu->addSeparator();
    callBar->addAction(addAction(callMenu, QStringLiteral("transfer"), tr("&Transfer..."),
                                 QKeySequence(tr("Ctrl+T")), [this] {
                                     HCALL c =
                                         targetCall(LINECALLSTATE_CONNECTED | LINECALLSTATE_ONHOLD);
                                     if (!c)
                                         return;
                                     const QString to = askDestination(tr("Transfer"));
                                     if (!to.isEmpty())
                                         m_session.calls()->blindTransfer(c, to);
                                 }));
    callBar->addAction(addAction(callMenu, QStringLiteral("consult"), tr("&Consult..."),
                                 QKeySequence(tr("Ctrl+K")), [this] {
                                     HCALL c = targetCall(LINECALLSTATE_CONNECTED);
                                     if (!c)
                                         return;
                                     const QString to = askDestination(tr("Consult"));
                                     if (!to.isEmpty())
                                         m_session.calls()->consult(c, to);
                                 }));
    callBar->addAction(addAction(callMenu, QStringLiteral("completeTransfer"), tr("Co&mplete"),
                                 QKeySequence(tr("Ctrl+Shift+T")), [this] {
                                     if (HCALL c = targetCall(LINECALLSTATE_ONHOLDPENDTRANSFER
                                                              | LINECALLSTATE_CONNECTED))
                                         m_session.calls()->completeConsultation(c, false);
                                 }));
    callBar->addAction(addAction(callMenu, QStringLiteral("conference"), tr("Con&ference"),
                                 QKeySequence(tr("Ctrl+Shift+K")), [this] {
                                     if (HCALL c = targetCall(LINECALLSTATE_ONHOLDPENDTRANSFER
                                                              | LINECALLSTATE_CONNECTED))
                                         m_session.calls()->completeConsultation(c, true);
                                 }));
    callMenu->addSeparator();
    callBar->addAction(addAction(callMenu, QStringLiteral("dial"), tr("&Dial..."),
                                 QKeySequence(tr("Ctrl+D")), [this] {
                                     const QString to = askDestination(tr("Dial"));
                                     if (!to.isEmpty())
                                         m_session.calls()->dial(to);
                                 }));
    addAction(callMenu, QStringLiteral("clearLost"), tr("C&lear lost calls"),
              QKeySequence(tr("Ctrl+Shift+X")), [this] { m_session.calls()->clearLost(); });

    QAction *sound = addAction(viewMenu, QStringLiteral("ringSound"), tr("Ring &sound"),
                               QKeySequence(tr("Ctrl+Shift+S")), [] {});
    sound->setCheckable(true);
    sound->setChecked(QSettings().value(QStringLiteral("ringSound"), true).toBool());
    connect(sound, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("ringSound"), on); });
    addAction(viewMenu, QStringLiteral("quit"), tr("&Quit"), QKeySequence(tr("Ctrl+Q")),
              [this] { close(); });
}

void MainWindow::buildReasonMenus()
{
    // Ctrl+1..9 pick a Not Ready reason, Ctrl+Alt+1..9 log out with one.
    for (QMenu *menu : {m_notReadyMenu, m_logoutMenu}) {
        qDeleteAll(menu->actions());
        menu->clear();
    }
    addAction(m_notReadyMenu, QStringLiteral("notReadyNoReason"), tr("Without a reason"),
              QKeySequence(tr("Ctrl+0")), [this] { m_session.goNotReady(0); });
    addAction(m_logoutMenu, QStringLiteral("logoutNoReason"), tr("Without a reason"),
              QKeySequence(tr("Ctrl+Alt+0")), [this] { m_session.logout(0); });
    int n = 0;
    for (const Reason &r : m_session.reasons()) {
        ++n;
        const QKeySequence key = n <= 9 ? QKeySequence(tr("Ctrl+%1").arg(n)) : QKeySequence();
        const QKeySequence logoutKey =
            n <= 9 ? QKeySequence(tr("Ctrl+Alt+%1").arg(n)) : QKeySequence();
        const DWORD code = r.code;
        addAction(m_notReadyMenu, QStringLiteral("notReady%1").arg(code), r.name, key,
                  [this, code] { m_session.goNotReady(code); });
        addAction(m_logoutMenu, QStringLiteral("logout%1").arg(code), r.name, logoutKey,
                  [this, code] { m_session.logout(code); });
    }
}

HCALL MainWindow::targetCall(DWORD mask) const
{
    const CallModel *calls = m_session.calls();
    if (const Call *c = calls->call(m_callView->currentIndex().row());
        c && !c->lost && (c->state & mask))
        return c->handle;
    const int row = calls->findState(mask);
    return row >= 0 ? calls->call(row)->handle : 0;
}

void MainWindow::updateActions()
{
    const bool online = m_session.linkState() == LinkState::Online && m_session.isLoggedIn();
    const AgentState state = m_session.state();
    auto enable = [this](const char *name, bool on) {
        if (QAction *a = action(QString::fromLatin1(name)))
            a->setEnabled(on);
    };
    enable("ready", online && state != AgentState::Ready);
    enable("notReady", online && state != AgentState::NotReady);
    m_notReadyMenu->setEnabled(online);
    enable("doneWrapUp", online && state == AgentState::WrapUp);
    enable("logout", m_session.isLoggedIn());
    m_logoutMenu->setEnabled(online);
    enable("answer", online && targetCall(LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED));
    enable("hangUp", online && targetCall(~DWORD(LINECALLSTATE_IDLE | LINECALLSTATE_OFFERING)));
    enable("hold",
           online
               && targetCall(LINECALLSTATE_CONNECTED | LINECALLSTATE_ONHOLD
                             | LINECALLSTATE_ONHOLDPENDTRANSFER | LINECALLSTATE_ONHOLDPENDCONF));
    enable("transfer", online && targetCall(LINECALLSTATE_CONNECTED | LINECALLSTATE_ONHOLD));
    enable("consult", online && targetCall(LINECALLSTATE_CONNECTED));
    const bool consulting = targetCall(LINECALLSTATE_ONHOLDPENDTRANSFER);
    enable("completeTransfer", online && consulting);
    enable("conference", online && consulting);
    enable("dial", online);
}

QString MainWindow::askDestination(const QString &title)
{
    TransferDialog dialog(m_session.directory(), title, this);
    return dialog.exec() == QDialog::Accepted ? dialog.destination() : QString();
}

void MainWindow::alertIncoming(const QString &caller, const QString &queue, int waited)
{
    // The agent may be in another window: bring this one forward.
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
    QApplication::alert(this);
    if (QSettings().value(QStringLiteral("ringSound"), true).toBool())
        QApplication::beep();
    QString text = queue.isEmpty()
                       ? tr("Call from %1").arg(caller)
                       : tr("Call from %1 in queue %2, waited %3 s").arg(caller, queue).arg(waited);
    notify(tr("Incoming call"), text);
    statusBar()->showMessage(text, 10000);
}

void MainWindow::notify(const QString &title, const QString &text)
{
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
}

void MainWindow::showLogin(const QString &message)
{
    if (m_login)
        return;
    m_login = new LoginDialog(m_session, this);
    m_login->setAttribute(Qt::WA_DeleteOnClose);
    if (!message.isEmpty())
        m_login->setMessage(message);
    connect(m_login, &QDialog::rejected, this, [this] {
        if (!m_session.isLoggedIn())
            close();
    });
    m_login->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (m_session.isLoggedIn() && m_session.linkState() == LinkState::Online && !m_closing) {
        // Log out first (asynchronous); loggedOut closes the window. If the engine does not
        // answer in time the window closes anyway.
        m_closing = true;
        m_session.logout(0);
        QTimer::singleShot(5000, this, [this] {
            if (!isVisible())
                return;
            m_session.cancelLogin(); // offline now: the next close is accepted
            close();
        });
        event->ignore();
        return;
    }
    event->accept();
}

} // namespace desk
