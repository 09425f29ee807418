#include "screenshot_tour.h"

#include "agent_session.h"
#include "call_model.h"
#include "login_dialog.h"
#include "main_window.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>

namespace desk {

ScreenshotTour::ScreenshotTour(AgentSession &session, MainWindow &window, QString directory)
    : m_session(session)
    , m_window(window)
    , m_directory(std::move(directory))
{
    QDir().mkpath(m_directory);
    const QStringList login = qEnvironmentVariable("AGENT_DESKTOP_TOUR").split(QLatin1Char(','));
    QTimer::singleShot(500, this, [this, login] {
        LoginDialog *dialog = m_window.loginDialog();
        if (!dialog || login.size() != 4)
            return;
        dialog->serverEdit()->setText(login[0]);
        dialog->agentEdit()->setText(login[1]);
        dialog->pinEdit()->setText(login[2]);
        dialog->stationEdit()->setText(login[3]);
        save(dialog, QStringLiteral("agent-login.png"));
        dialog->nextButton()->click();
    });
    connect(&session, &AgentSession::groupsReady, this, [this] {
        QTimer::singleShot(300, this, [this] {
            if (LoginDialog *dialog = m_window.loginDialog())
                dialog->loginButton()->click();
        });
    });
    connect(&session, &AgentSession::stateChanged, this, [this] { onState(); });
    connect(session.calls(), &CallModel::incomingCall, this, [this] {
        QTimer::singleShot(1500, this, [this] {
            save(&m_window, QStringLiteral("agent-ringing.png"));
            const int row = m_session.calls()->findState(LINECALLSTATE_OFFERING);
            if (row >= 0 && !m_answered) {
                m_answered = true;
                m_session.calls()->answer(m_session.calls()->call(row)->handle);
            }
        });
    });
    connect(&session, &AgentSession::loggedOut, this, [] { QApplication::quit(); });
    m_lostMode = qEnvironmentVariableIntValue("AGENT_DESKTOP_TOUR_LOST") == 1;
    connect(&session, &AgentSession::linkStateChanged, this, [this](LinkState state) {
        if (!m_lostMode || state != LinkState::Reconnecting)
            return;
        QTimer::singleShot(1500, this, [this] {
            save(&m_window, QStringLiteral("agent-lost.png"));
            QApplication::quit();
        });
    });
}

void ScreenshotTour::save(QWidget *widget, const QString &name)
{
    if (m_taken.contains(name))
        return;
    m_taken.insert(name);
    widget->grab().save(QDir(m_directory).filePath(name));
}

void ScreenshotTour::onState()
{
    switch (m_session.state()) {
    case AgentState::Ready:
        QTimer::singleShot(2500, this, [this] {
            if (m_session.state() == AgentState::Ready)
                save(&m_window, QStringLiteral("agent-ready.png"));
        });
        break;
    case AgentState::OnAcdCall:
        QTimer::singleShot(4000, this, [this] {
            const int row = m_session.calls()->findState(LINECALLSTATE_CONNECTED);
            if (row < 0)
                return;
            save(&m_window, QStringLiteral("agent-call.png"));
            if (!m_lostMode)
                m_session.calls()->hangUp(m_session.calls()->call(row)->handle);
        });
        break;
    case AgentState::WrapUp:
        QTimer::singleShot(3000, this, [this] {
            save(&m_window, QStringLiteral("agent-wrapup.png"));
            m_session.endWrapUp();
            QTimer::singleShot(1000, this, [this] { m_session.logout(0); });
        });
        break;
    default:
        break;
    }
}

} // namespace desk
