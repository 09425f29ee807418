#include "customer.h"

#include "station_directory.h"

namespace desk::test {

Customer::Customer(const Endpoint &endpoint, const QString &station)
    : m_link(QStringLiteral("customer"))
{
    if (m_link.initialize(endpoint) != 0)
        return;
    const QList<LineEntry> lines = readLines(m_link.app(), m_link.deviceCount());
    const LineEntry *entry = findLine(lines, station);
    if (!entry)
        return;
    HLINE line = 0;
    if (lineOpen(m_link.app(), entry->device, &line, entry->apiVersion, 0, 0,
                 LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr)
        == 0)
        m_line = line;
    QObject::connect(&m_link, &TapiLink::message, &m_link, [this](const LINEMESSAGE &m) {
        if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == m_call && m_call)
            m_state = static_cast<DWORD>(m.dwParam1);
    });
}

Customer::~Customer()
{
    m_link.shutdown();
}

bool Customer::call(const QString &number)
{
    m_pending = std::make_shared<HCALL>(0);
    const QByteArray digits = number.toUtf8();
    LONG request = lineMakeCall(m_line, m_pending.get(), digits.constData(), 0, nullptr);
    if (request <= 0)
        return false;
    auto handle = m_pending;
    m_link.track(
        request,
        [this, handle](LONG result) {
            if (result == 0)
                m_call = *handle;
        },
        handle);
    return true;
}

void Customer::hangUp()
{
    if (m_call)
        m_link.track(lineDrop(m_call, nullptr, 0), [](LONG) {});
}

} // namespace desk::test
