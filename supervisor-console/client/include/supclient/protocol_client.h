#pragma once
// ProtocolClient: one WebSocket session with acd-engine (docs/protocol.md), on the Qt event
// loop. Requests get a correlation id and exactly one reply callback: the engine's response,
// or a synthetic "disconnected" error when the connection ends first. Events are emitted in
// arrival order; the client detects gaps in `seq` and reports them so the owner can resync.
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <unordered_map>

namespace acd::sup {

/// The outcome of one request. `code` is "ok" or the protocol's error code (plus
/// "disconnected" when the session ended before the response came).
struct Reply {
    bool ok = false;
    QString code;
    QString message;
    QString item;  ///< for `invalid` / `conflict`: the offending item
    QString field; ///< for `invalid` / `bad_request`: the offending field
    QJsonObject result;
};

class ProtocolClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Reply &)>;

    explicit ProtocolClient(QObject *parent = nullptr);
    ~ProtocolClient() override;

    /// "HOST:PORT" or a full ws:// / wss:// URL; the path defaults to /acd/v1.
    static QUrl urlFor(const QString &address);

    void open(const QUrl &url);
    void close();
    bool isConnected() const { return m_connected; }

    /// Sends {"id", "op", ...params}; `done` runs once with the reply.
    qint64 request(const QString &op, QJsonObject params = {}, Callback done = {});

    /// hello as protocol version 1; on success role() holds the role ("supervisor", ...).
    void hello(const QString &user, const QString &password, Callback done);
    QString role() const { return m_role; }

signals:
    void connected();
    void disconnected(const QString &why);
    void eventReceived(const QJsonObject &event);
    /// `seq` jumped, or the engine sent `overflow`: events were lost, resync.
    void eventsLost();

private:
    void onText(const QString &text);
    void failPending(const QString &why);

    QWebSocket m_socket;
    bool m_connected = false;
    qint64 m_nextId = 1;
    qint64 m_lastSeq = 0;
    QString m_role;
    std::unordered_map<qint64, Callback> m_pending;
};

} // namespace acd::sup
