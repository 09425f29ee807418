// TapiLink's request bookkeeping without an engine: every handler runs exactly once, a reply
// that comes before its request ID is known waits for it, a synchronous failure reaches the
// handler from the event loop, and shutdown drops what is still pending.
#include "tapi_link.h"

#include <QSignalSpy>
#include <QtTest>

using namespace desk;

namespace {

LINEMESSAGE reply(DWORD request, LONG result)
{
    LINEMESSAGE m{};
    m.dwMessageID = LINE_REPLY;
    m.dwParam1 = request;
    m.dwParam2 = static_cast<DWORD>(result);
    return m;
}

} // namespace

class TapiLinkTest : public QObject {
    Q_OBJECT

private slots:
    void aReplyCompletesItsRequestOnce()
    {
        TapiLink link(QStringLiteral("test"));
        QList<LONG> results;
        link.track(7, [&](LONG r) { results.append(r); });
        QCOMPARE(link.pendingCount(), 1);
        link.dispatch(reply(7, LINEERR_INVALAGENTSTATE));
        link.dispatch(reply(7, 0)); // a duplicate must not run the handler again
        QCOMPARE(results, QList<LONG>{LINEERR_INVALAGENTSTATE});
        QCOMPARE(link.pendingCount(), 0);
    }

    void aReplyBeforeItsRequestIdIsKeptForTheRequest()
    {
        TapiLink link(QStringLiteral("test"));
        link.dispatch(reply(9, 0));
        QList<LONG> results;
        link.track(9, [&](LONG r) { results.append(r); });
        QTRY_COMPARE(results, QList<LONG>{0});
        QCOMPARE(link.pendingCount(), 0);
    }

    void aSynchronousFailureReachesTheHandlerFromTheEventLoop()
    {
        TapiLink link(QStringLiteral("test"));
        QList<LONG> results;
        link.track(LINEERR_INVALLINEHANDLE, [&](LONG r) { results.append(r); });
        QVERIFY(results.isEmpty()); // never re-entrantly
        QTRY_COMPARE(results, QList<LONG>{LINEERR_INVALLINEHANDLE});
    }

    void theOutputBufferLivesUntilTheReply()
    {
        TapiLink link(QStringLiteral("test"));
        auto buffer = std::make_shared<int>(0);
        std::weak_ptr<int> watch = buffer;
        link.track(
            11, [](LONG) {}, buffer);
        buffer.reset();
        QVERIFY(!watch.expired());
        link.dispatch(reply(11, 0));
        QVERIFY(watch.expired());
    }

    void otherMessagesAreEmitted()
    {
        TapiLink link(QStringLiteral("test"));
        QSignalSpy spy(&link, &TapiLink::message);
        LINEMESSAGE m{};
        m.dwMessageID = LINE_CALLSTATE;
        m.hDevice = 5;
        m.dwParam1 = LINECALLSTATE_OFFERING;
        link.dispatch(m);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<LINEMESSAGE>().dwParam1, DWORD_PTR(LINECALLSTATE_OFFERING));
    }

    void shutdownDropsPendingHandlers()
    {
        TapiLink link(QStringLiteral("test"));
        bool called = false;
        link.track(13, [&](LONG) { called = true; });
        link.shutdown();
        QCOMPARE(link.pendingCount(), 0);
        link.dispatch(reply(13, 0));
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TapiLinkTest)
#include "tapi_link_test.moc"
