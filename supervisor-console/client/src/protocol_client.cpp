#include "supclient/protocol_client.h"

#include <QJsonDocument>

namespace acd::sup {

ProtocolClient::ProtocolClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_connected = true;
        m_lastSeq = 0;
        emit connected();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const bool was = m_connected;
        m_connected = false;
        const QString why =
            m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason();
        failPending(why);
        if (was)
            emit disconnected(why);
    });
    // Qt 6.4 names the signal error() (errorOccurred() came in 6.5).
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                // A failed connect never emits disconnected(): report it the same way.
                if (!m_connected && m_socket.state() == QAbstractSocket::UnconnectedState) {
                    failPending(m_socket.errorString());
                    emit disconnected(m_socket.errorString());
                }
            });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ProtocolClient::onText);
    // A snapshot of thousands of agents is several MiB (about 1.5 KiB per agent).
    m_socket.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
}

ProtocolClient::~ProtocolClient()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

QUrl ProtocolClient::urlFor(const QString &address)
{
    QString text = address.trimmed();
    if (!text.startsWith(QLatin1String("ws://")) && !text.startsWith(QLatin1String("wss://")))
        text = QStringLiteral("ws://") + text;
    QUrl url(text);
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        url.setPath(QStringLiteral("/acd/v1"));
    return url;
}

void ProtocolClient::open(const QUrl &url)
{
    m_socket.abort();
    m_role.clear();
    m_socket.open(url);
}

void ProtocolClient::close()
{
    m_socket.close();
}

qint64 ProtocolClient::request(const QString &op, QJsonObject params, Callback done)
{
    const qint64 id = m_nextId++;
    if (!m_connected) {
        if (done)
            done(Reply{false, QStringLiteral("disconnected"), tr("not connected"), {}, {}, {}});
        return id;
    }
    params.insert(QStringLiteral("id"), id);
    params.insert(QStringLiteral("op"), op);
    if (done)
        m_pending.emplace(id, std::move(done));
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)));
    return id;
}

void ProtocolClient::hello(const QString &user, const QString &password, Callback done)
{
    request(QStringLiteral("hello"),
            {{QStringLiteral("version"), 1},
             {QStringLiteral("user"), user},
             {QStringLiteral("password"), password},
             {QStringLiteral("client"), QStringLiteral("supervisor-console 1.0")}},
            [this, done = std::move(done)](const Reply &r) {
                if (r.ok)
                    m_role = r.result.value(QStringLiteral("role")).toString();
                if (done)
                    done(r);
            });
}

void ProtocolClient::onText(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    if (o.contains(QLatin1String("ev"))) {
        const qint64 seq = o.value(QLatin1String("seq")).toInteger();
        const bool gap = m_lastSeq != 0 && seq != m_lastSeq + 1;
        const bool overflow = o.value(QLatin1String("ev")).toString() == QLatin1String("overflow");
        m_lastSeq = seq;
        if (gap || overflow)
            emit eventsLost();
        if (!overflow)
            emit eventReceived(o); // still valid: the owner's resync filters by eseq
        return;
    }
    const qint64 id = o.value(QLatin1String("re")).toInteger();
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Callback done = std::move(it->second);
    m_pending.erase(it);
    Reply r;
    r.ok = o.value(QLatin1String("ok")).toBool();
    if (r.ok) {
        r.code = QStringLiteral("ok");
        r.result = o.value(QLatin1String("result")).toObject();
    } else {
        const QJsonObject e = o.value(QLatin1String("error")).toObject();
        r.code = e.value(QLatin1String("code")).toString();
        r.message = e.value(QLatin1String("message")).toString();
        r.item = e.value(QLatin1String("item")).toString();
        r.field = e.value(QLatin1String("field")).toString();
    }
    done(r);
}

void ProtocolClient::failPending(const QString &why)
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &[id, done] : pending)
        done(Reply{false, QStringLiteral("disconnected"), why, {}, {}, {}});
}

} // namespace acd::sup
