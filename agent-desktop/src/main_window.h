#pragma once
// The agent's window: the state strip, the calls with their controls, my figures and my
// queues. Thin: every action forwards to AgentSession / CallModel; what is shown comes from
// their signals and models. Every action has a shortcut, shown in its tooltip and menu.
#include "tapi.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QSystemTrayIcon;
class QTableView;

namespace desk {

class AgentSession;
class LoginDialog;
class StatePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AgentSession &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens the login dialog (window-modal); the window closes if the agent cancels it.
    void showLogin(const QString &message = {});
    LoginDialog *loginDialog() const;
    StatePanel *statePanel() const { return m_statePanel; }
    QTableView *callView() const { return m_callView; }
    QAction *action(const QString &objectName) const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QAction *addAction(QMenu *menu, const QString &name, const QString &text,
                       const QKeySequence &shortcut, std::function<void()> slot);
    void buildActions();
    void buildReasonMenus();
    void updateActions();
    /// The selected call when its state matches `mask`, else the first call that does.
    HCALL targetCall(DWORD mask) const;
    QString askDestination(const QString &title);
    void alertIncoming(const QString &caller, const QString &queue, int waited);
    void notify(const QString &title, const QString &text);

    AgentSession &m_session;
    StatePanel *m_statePanel;
    QTableView *m_callView;
    QTableView *m_figuresView;
    QTableView *m_queueView;
    QLabel *m_linkLabel;
    QMenu *m_notReadyMenu;
    QMenu *m_logoutMenu;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<LoginDialog> m_login;
    bool m_closing = false;
};

} // namespace desk
