#pragma once
// A supervisor in a test: the engine's WebSocket protocol (not TAPI), to force an agent's
// state the way the supervisor console does.
#include <QJsonObject>
#include <QWebSocket>

namespace desk::test {

class Supervisor {
public:
    /// Connects to ws://127.0.0.1:port/acd/v1 and says hello as `user`; ok() tells.
    Supervisor(int port, const QString &user, const QString &password);
    bool ok() const { return m_ok; }
    /// Sends `request` (an "id" is added) and waits for its response; its "ok".
    bool request(QJsonObject request);

private:
    QWebSocket m_socket;
    int m_nextId = 1;
    bool m_ok = false;
};

} // namespace desk::test
