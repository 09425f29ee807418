#pragma once
// A real acd-engine for the console's tests: a small contact center (two queues, three agents
// answered by the sim switch, a supervisor and an admin), a fresh database in a temporary
// folder, sim traffic on both route points. Started with QProcess on 127.0.0.1:0; the port is
// read from the "listening on" line. restart() brings it back on the same port and database.
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace acd::sup::test {

class EngineFixture {
public:
    /// `callsPerHour` per route point.
    explicit EngineFixture(int callsPerHour = 7200);
    ~EngineFixture();

    bool start(int port = 0);
    void kill();
    bool restart() { return start(m_port); }
    int port() const { return m_port; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("acd.db")); }
    QString errors() const;

private:
    void writeFiles(int port);

    int m_callsPerHour;
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
};

} // namespace acd::sup::test
