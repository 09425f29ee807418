#include "supervisor.h"

#include <QJsonDocument>
#include <QSignalSpy>

namespace desk::test {

Supervisor::Supervisor(int port, const QString &user, const QString &password)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/acd/v1").arg(port)));
    if (!connected.wait(5000))
        return;
    m_ok = request({{QStringLiteral("op"), QStringLiteral("hello")},
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("user"), user},
                    {QStringLiteral("password"), password}});
}

bool Supervisor::request(QJsonObject request)
{
    const int id = m_nextId++;
    request.insert(QStringLiteral("id"), id);
    QSignalSpy received(&m_socket, &QWebSocket::textMessageReceived);
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
    // Events may come first; read until the response to this id (bounded).
    for (int i = 0; i < 50; ++i) {
        while (!received.isEmpty()) {
            const QJsonObject answer =
                QJsonDocument::fromJson(received.takeFirst().at(0).toString().toUtf8()).object();
            if (answer.value(QStringLiteral("re")).toInt() == id)
                return answer.value(QStringLiteral("ok")).toBool();
        }
        if (!received.wait(200) && received.isEmpty())
            continue;
    }
    return false;
}

} // namespace desk::test
