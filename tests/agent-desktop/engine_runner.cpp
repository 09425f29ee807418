#include "engine_runner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

namespace desk::test {
namespace {

// No user is named like an agent: desktops log in with the agent ID and PIN themselves.
const char *const kContactCenter = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "sales-team", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" }, { "code": 2, "name": "Meeting" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1, "wrapUpSeconds": 60,
                "ringTimeoutSeconds": 4, "maxWaitSeconds": 0, "overflowWhenNoAgents": false } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
              { "id": 1002, "name": "Bob", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "routePoints": [ { "address": "9000", "name": "Sales line", "queue": 10 } ],
  "users": [ { "name": "carol", "role": "supervisor", "password": "sup3rvise" },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

} // namespace

EngineRunner::EngineRunner()
{
    QFile cc(m_dir.filePath(QStringLiteral("cc.json")));
    cc.open(QIODevice::WriteOnly);
    cc.write(kContactCenter);
}

EngineRunner::~EngineRunner()
{
    stop();
}

bool EngineRunner::start(int port, const QString &stations)
{
    QFile conf(m_dir.filePath(QStringLiteral("acd.conf")));
    conf.open(QIODevice::WriteOnly | QIODevice::Truncate);
    conf.write(
        QStringLiteral("[engine]\nlisten = 127.0.0.1:%1\ndatabase = %2\ncontact-center = %3\n\n"
                       "[provider sim]\nlibrary = %4\nconfig = stations=%5;"
                       "routepoints=9000-9000\n\n[log]\nlevel = warning\n")
            .arg(port)
            .arg(m_dir.filePath(QStringLiteral("acd.db")),
                 m_dir.filePath(QStringLiteral("cc.json")), QStringLiteral(TSP_SIM_PATH), stations)
            .toUtf8());
    conf.close();
    m_port = 0;
    m_process.setProgram(QStringLiteral(ACD_ENGINE_PATH));
    m_process.setArguments({QStringLiteral("--config"), conf.fileName()});
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    QByteArray out;
    const QRegularExpression listening(QStringLiteral("listening on [^\\n]*:(\\d+)\\n"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(static_cast<int>(deadline.remainingTime())))
            break;
        out += m_process.readAllStandardOutput();
        if (auto match = listening.match(QString::fromUtf8(out)); match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return true;
        }
    }
    m_errors = QString::fromUtf8(out + m_process.readAllStandardError());
    return false;
}

void EngineRunner::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

} // namespace desk::test
