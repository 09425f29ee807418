#include "login_dialog.h"

#include "agent_session.h"
#include "group_model.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace desk {

LoginDialog::LoginDialog(AgentSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Agent login"));
    setObjectName(QStringLiteral("loginDialog"));
    QSettings settings;

    m_pages = new QStackedWidget(this);

    // Page 1: who and where.
    auto *credentials = new QWidget;
    auto *form = new QFormLayout;
    m_server = new QLineEdit(
        settings.value(QStringLiteral("login/server"), QStringLiteral("127.0.0.1:7400"))
            .toString());
    m_server->setAccessibleName(tr("Engine server"));
    m_server->setPlaceholderText(tr("host:port or wss://host:port"));
    m_agent = new QLineEdit(settings.value(QStringLiteral("login/agent")).toString());
    m_agent->setAccessibleName(tr("Agent ID"));
    m_agent->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{1,10}")), m_agent));
    m_pin = new QLineEdit;
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setAccessibleName(tr("PIN"));
    m_station = new QLineEdit(settings.value(QStringLiteral("login/station")).toString());
    m_station->setAccessibleName(tr("Station extension"));
    auto addRow = [form](const QString &label, QLineEdit *edit) {
        auto *l = new QLabel(label);
        l->setBuddy(edit);
        form->addRow(l, edit);
    };
    addRow(tr("&Server:"), m_server);
    addRow(tr("&Agent ID:"), m_agent);
    addRow(tr("&PIN:"), m_pin);
    addRow(tr("S&tation:"), m_station);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setAccessibleName(tr("Login message"));
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_next = new QPushButton(tr("&Next"));
    m_next->setDefault(true);
    m_next->setAccessibleName(tr("Next: connect and choose groups"));
    m_next->setToolTip(tr("Connect to the engine and choose the groups (Enter)"));
    auto *page1 = new QVBoxLayout(credentials);
    page1->addLayout(form);
    page1->addWidget(m_message);
    page1->addStretch();
    auto *buttons1 = new QDialogButtonBox;
    buttons1->addButton(m_next, QDialogButtonBox::AcceptRole);
    buttons1->addButton(QDialogButtonBox::Cancel);
    page1->addWidget(buttons1);
    connect(m_next, &QPushButton::clicked, this, [this] { next(); });
    connect(buttons1, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_server, m_agent, m_pin, m_station})
        connect(edit, &QLineEdit::textChanged, this, [this] { updateNext(); });

    // Page 2: the groups.
    auto *groupsPage = new QWidget;
    auto *page2 = new QVBoxLayout(groupsPage);
    auto *groupsLabel = new QLabel(tr("&Groups to join:"));
    m_groupList = new QListView;
    m_groupList->setModel(session.groups());
    m_groupList->setAccessibleName(tr("Groups to join"));
    groupsLabel->setBuddy(m_groupList);
    m_startReady = new QCheckBox(tr("Start &Ready"));
    m_startReady->setAccessibleName(tr("Start in the Ready state"));
    m_startReady->setChecked(settings.value(QStringLiteral("login/startReady"), true).toBool());
    m_login = new QPushButton(tr("&Log in"));
    m_login->setAccessibleName(tr("Log in"));
    m_login->setToolTip(tr("Join the checked groups (Enter)"));
    m_back = new QPushButton(tr("&Back"));
    m_back->setAccessibleName(tr("Back to the login details"));
    m_back->setToolTip(tr("Back (Alt+B)"));
    auto *buttons2 = new QDialogButtonBox;
    buttons2->addButton(m_login, QDialogButtonBox::AcceptRole);
    buttons2->addButton(m_back, QDialogButtonBox::RejectRole);
    page2->addWidget(groupsLabel);
    page2->addWidget(m_groupList);
    page2->addWidget(m_startReady);
    page2->addWidget(buttons2);
    connect(m_login, &QPushButton::clicked, this, [this] { login(); });
    connect(m_back, &QPushButton::clicked, this, [this] { back(); });

    m_pages->addWidget(credentials);
    m_pages->addWidget(groupsPage);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    connect(&session, &AgentSession::groupsReady, this, [this] {
        setBusy(false);
        m_pages->setCurrentIndex(1);
        m_login->setDefault(true);
        m_groupList->setFocus();
    });
    connect(&session, &AgentSession::loginFailed, this, [this](const QString &text) {
        setBusy(false);
        m_pages->setCurrentIndex(0);
        m_next->setDefault(true);
        setMessage(text);
    });
    connect(&session, &AgentSession::loggedIn, this, [this] {
        setBusy(false);
        accept();
    });

    updateNext();
    (m_agent->text().isEmpty() ? m_agent : m_pin)->setFocus();
}

bool LoginDialog::onGroupsPage() const
{
    return m_pages->currentIndex() == 1;
}

void LoginDialog::setMessage(const QString &text)
{
    m_message->setText(text);
}

void LoginDialog::updateNext()
{
    m_next->setEnabled(!m_server->text().trimmed().isEmpty() && !m_agent->text().isEmpty()
                       && !m_pin->text().isEmpty() && !m_station->text().trimmed().isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_pages->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void LoginDialog::next()
{
    QSettings settings;
    settings.setValue(QStringLiteral("login/server"), m_server->text().trimmed());
    settings.setValue(QStringLiteral("login/agent"), m_agent->text());
    settings.setValue(QStringLiteral("login/station"), m_station->text().trimmed());
    setMessage(tr("Connecting..."));
    setBusy(true);
    m_session.connectAgent(
        LoginRequest{m_server->text(), m_agent->text(), m_pin->text(), m_station->text()});
}

void LoginDialog::login()
{
    QSettings().setValue(QStringLiteral("login/startReady"), m_startReady->isChecked());
    setBusy(true);
    m_session.joinGroups(m_startReady->isChecked());
}

void LoginDialog::back()
{
    m_session.cancelLogin();
    setMessage(QString());
    m_pages->setCurrentIndex(0);
    m_next->setDefault(true);
}

} // namespace desk
