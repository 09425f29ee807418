#include "engine_fixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

namespace acd::sup::test {
namespace {

const char *const kContactCenter = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "front", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" }, { "code": 2, "name": "Training" } ],
  "queues": [
    { "id": 10, "name": "sales", "group": 1, "skill": 1, "wrapUpSeconds": 0,
      "overflowWhenNoAgents": false },
    { "id": 20, "name": "support", "group": 1, "skill": 1, "wrapUpSeconds": 0,
      "overflowWhenNoAgents": false } ],
  "agents": [
    { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
    { "id": 1002, "name": "Bob", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] },
    { "id": 1003, "name": "Carmen", "pin": "1234", "skills": [ { "skill": 1, "level": 5 } ] } ],
  "stations": [ { "id": "2001" }, { "id": "2002" }, { "id": "2003" } ],
  "routePoints": [ { "address": "9000", "queue": 10 }, { "address": "9001", "queue": 20 } ],
  "users": [ { "name": "carol", "role": "supervisor", "password": "carol-pw" },
             { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(text);
}

} // namespace

EngineFixture::EngineFixture(int callsPerHour)
    : m_callsPerHour(callsPerHour)
{}

EngineFixture::~EngineFixture()
{
    kill();
}

void EngineFixture::writeFiles(int port)
{
    writeFile(m_dir.filePath(QStringLiteral("cc.json")), kContactCenter);
    const QString conf =
        QStringLiteral("[engine]\nlisten = 127.0.0.1:%1\ndatabase = %2\ncontact-center = %3\n\n"
                       "[provider sim]\nlibrary = %4\n"
                       "config = stations=2001-2003;routepoints=9000-9001;calls_per_hour=%5;"
                       "patience_s=30;agents=2001-2003;ring_delay_ms=200;talk_s=1;talk=fixed\n\n"
                       "[log]\nlevel = warning\n")
            .arg(port)
            .arg(databasePath(), m_dir.filePath(QStringLiteral("cc.json")),
                 QStringLiteral(TSP_SIM_PATH))
            .arg(m_callsPerHour);
    writeFile(m_dir.filePath(QStringLiteral("acd.conf")), conf.toUtf8());
}

bool EngineFixture::start(int port)
{
    kill();
    writeFiles(port);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("stderr.txt")), QIODevice::Append);
    m_process.start(QStringLiteral(ACD_ENGINE_PATH),
                    {QStringLiteral("--config"), m_dir.filePath(QStringLiteral("acd.conf"))});
    if (!m_process.waitForStarted(5000))
        return false;
    // Bounded wait for the "listening on HOST:PORT" line.
    QByteArray out;
    const QRegularExpression listening(QStringLiteral("listening on [^\\s:]+:(\\d+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        out += m_process.readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return true;
        }
    }
    return false;
}

void EngineFixture::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString EngineFixture::errors() const
{
    QFile f(m_dir.filePath(QStringLiteral("stderr.txt")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace acd::sup::test
