#pragma once
// Blocking helpers over ProtocolClient for tests: wait (bounded) for a reply.
#include "supclient/protocol_client.h"

#include <QEventLoop>
#include <QTimer>

namespace acd::sup::test {

inline Reply waitReply(const std::function<void(ProtocolClient::Callback)> &send, int ms = 10000)
{
    Reply out{false, QStringLiteral("timeout"), QStringLiteral("no reply in time"), {}, {}, {}};
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    bool done = false;
    send([&](const Reply &r) {
        out = r;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return out;
}

inline Reply call(ProtocolClient &c, const QString &op, const QJsonObject &params = {})
{
    return waitReply([&](ProtocolClient::Callback cb) { c.request(op, params, std::move(cb)); });
}

/// Opens and says hello; false when either fails within 10 s.
inline bool connectAs(ProtocolClient &c, const QString &address, const QString &user,
                      const QString &password)
{
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    QObject::connect(&c, &ProtocolClient::connected, &loop, &QEventLoop::quit);
    c.open(ProtocolClient::urlFor(address));
    if (!c.isConnected())
        loop.exec();
    if (!c.isConnected())
        return false;
    return waitReply([&](ProtocolClient::Callback cb) { c.hello(user, password, std::move(cb)); })
        .ok;
}

} // namespace acd::sup::test
