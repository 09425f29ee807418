#pragma once
// The --screenshot mode: drives the real window through login, Ready, a ringing call, the
// call and wrap-up, saving a PNG of the window at each step (docs/agent-guide.md). The login
// details come from AGENT_DESKTOP_TOUR="server,agent,pin,station"; calls are whatever the
// engine routes to the station (e.g. its simulated traffic). With AGENT_DESKTOP_TOUR_LOST=1 the
// tour keeps the call after agent-call.png and, once the engine is gone (stopped by whoever
// runs the tour), saves agent-lost.png and quits.
#include <QObject>
#include <QSet>
#include <QString>

namespace desk {

class AgentSession;
class MainWindow;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(AgentSession &session, MainWindow &window, QString directory);

private:
    void save(QWidget *widget, const QString &name);
    void onState();

    AgentSession &m_session;
    MainWindow &m_window;
    QString m_directory;
    QSet<QString> m_taken;
    bool m_answered = false;
    bool m_lostMode = false;
};

} // namespace desk
