#pragma once
// A real acd-engine for a test: its own contact center (one sales queue behind route point
// 9000, agents 1001 and 1002 with PIN 1234, reason codes), the sim provider with stations
// 100-119, a temporary database, on 127.0.0.1 (an ephemeral port, or a given one to restart
// on the same address). The port is read from the "listening on" line.
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace desk::test {

class EngineRunner {
public:
    EngineRunner();
    ~EngineRunner();
    /// Starts the engine (port 0: ephemeral) with the sim stations `stations` (a range);
    /// false when it did not listen within 20 s.
    bool start(int port = 0, const QString &stations = QStringLiteral("100-119"));
    /// SIGTERM (then kill) and wait.
    void stop();
    int port() const { return m_port; }
    QString server() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString errors() const { return m_errors; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
    QString m_errors;
};

} // namespace desk::test
