// agent-desktop: the agents' window onto the ACD engine (through libtapi, remote mode).
//
//   agent-desktop [--screenshot DIR]
//
// --screenshot DIR (for the documentation): once logged in, the window takes calls by itself
// and saves agent-login.png, agent-ready.png, agent-ringing.png, agent-call.png and
// agent-wrapup.png into DIR as it reaches each state, then logs out and quits.
#include "agent_session.h"
#include "main_window.h"
#include "screenshot_tour.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("acd-suite"));
    QApplication::setApplicationName(QStringLiteral("agent-desktop"));
    QApplication::setApplicationVersion(QStringLiteral("0.1"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Agent desktop of the ACD suite"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshots(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save screenshots of each state into <dir>."),
        QStringLiteral("dir"));
    parser.addOption(screenshots);
    parser.process(app);

    desk::AgentSession session;
    desk::MainWindow window(session);
    window.show();
    window.showLogin();
    std::unique_ptr<desk::ScreenshotTour> tour;
    if (parser.isSet(screenshots))
        tour = std::make_unique<desk::ScreenshotTour>(session, window, parser.value(screenshots));
    return app.exec();
}
