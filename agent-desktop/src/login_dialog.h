#pragma once
// The login: server (remembered), agent ID (remembered), PIN, station (remembered); then the
// groups to join, read from the engine and preselected from last time. Thin: the work is
// AgentSession's; this dialog collects input and shows its answers.
#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;

namespace desk {

class AgentSession;

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    explicit LoginDialog(AgentSession &session, QWidget *parent = nullptr);

    /// Shows a message on the first page (e.g. why the agent was logged out).
    void setMessage(const QString &text);

    // For tests and the screenshot tour.
    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *agentEdit() const { return m_agent; }
    QLineEdit *pinEdit() const { return m_pin; }
    QLineEdit *stationEdit() const { return m_station; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *loginButton() const { return m_login; }
    QLabel *messageLabel() const { return m_message; }
    bool onGroupsPage() const;

private:
    void next();
    void login();
    void back();
    void setBusy(bool busy);
    void updateNext();

    AgentSession &m_session;
    QStackedWidget *m_pages;
    QLineEdit *m_server;
    QLineEdit *m_agent;
    QLineEdit *m_pin;
    QLineEdit *m_station;
    QLabel *m_message;
    QPushButton *m_next;
    QListView *m_groupList;
    QCheckBox *m_startReady;
    QPushButton *m_login;
    QPushButton *m_back;
};

} // namespace desk
