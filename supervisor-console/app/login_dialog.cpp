#include "login_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace acd::sup {

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Supervisor console - log in"));
    QSettings s;
    m_address->setText(
        s.value(QStringLiteral("login/address"), QStringLiteral("127.0.0.1:7400")).toString());
    m_user->setText(s.value(QStringLiteral("login/user")).toString());
    m_password->setEchoMode(QLineEdit::Password);
    m_address->setAccessibleName(tr("Engine address"));
    m_user->setAccessibleName(tr("User"));
    m_password->setAccessibleName(tr("Password"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Login error"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Engine (host:port)"), m_address);
    form->addRow(tr("&User"), m_user);
    form->addRow(tr("&Password"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    (m_user->text().isEmpty() ? m_user : m_password)->setFocus();
}

QString LoginDialog::address() const
{
    return m_address->text().trimmed();
}
QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}
QString LoginDialog::password() const
{
    return m_password->text();
}

void LoginDialog::setError(const QString &message)
{
    m_error->setText(message);
}

void LoginDialog::remember() const
{
    QSettings s;
    s.setValue(QStringLiteral("login/address"), address());
    s.setValue(QStringLiteral("login/user"), user());
}

} // namespace acd::sup
