#pragma once
// LoginDialog: engine address, user and password. The address and user are remembered
// (QSettings); the password never is. The caller performs the login and shows any error here.
#include <QDialog>

class QLabel;
class QLineEdit;

namespace acd::sup {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    explicit LoginDialog(QWidget *parent = nullptr);

    QString address() const;
    QString user() const;
    QString password() const;
    void setError(const QString &message);
    void remember() const;

private:
    QLineEdit *m_address;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_error;
};

} // namespace acd::sup
