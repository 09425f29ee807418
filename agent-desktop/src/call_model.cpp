#include "call_model.h"

#include <cstddef>

#include "tapi_link.h"
#include "tapi_structs.h"

namespace desk {
namespace {

QString duration(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

CallModel::CallModel(TapiLink &link, QObject *parent)
    : QAbstractTableModel(parent)
    , m_link(link)
{
    // The duration column counts up once a second.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!m_calls.isEmpty())
            emit dataChanged(index(0, DurationColumn),
                             index(static_cast<int>(m_calls.size()) - 1, DurationColumn),
                             {Qt::DisplayRole});
    });
    m_tick.start();
}

int CallModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_calls.size());
}

int CallModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CallModel::stateText(const Call &c)
{
    if (c.lost)
        return tr("Lost (connection to the engine lost)");
    switch (c.state) {
    case LINECALLSTATE_OFFERING:
    case LINECALLSTATE_ACCEPTED:
        return tr("Ringing");
    case LINECALLSTATE_DIALTONE:
    case LINECALLSTATE_DIALING:
    case LINECALLSTATE_PROCEEDING:
        return tr("Dialing");
    case LINECALLSTATE_RINGBACK:
        return tr("Calling");
    case LINECALLSTATE_BUSY:
        return tr("Busy");
    case LINECALLSTATE_CONNECTED:
        return tr("Talking");
    case LINECALLSTATE_ONHOLD:
        return tr("On hold");
    case LINECALLSTATE_ONHOLDPENDTRANSFER:
        return tr("On hold (transfer)");
    case LINECALLSTATE_ONHOLDPENDCONF:
        return tr("On hold (conference)");
    case LINECALLSTATE_CONFERENCED:
        return tr("In conference");
    case LINECALLSTATE_DISCONNECTED:
    case LINECALLSTATE_IDLE:
        return tr("Ended");
    default:
        return tr("Unknown");
    }
}

QVariant CallModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Call &c = m_calls.at(index.row());
    switch (role) {
    case HandleRole:
        return c.handle;
    case CallStateRole:
        return c.state;
    case LostRole:
        return c.lost;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case CallerColumn: {
        if (c.outbound)
            return tr("to %1").arg(c.calledNumber.isEmpty() ? tr("(unknown)") : c.calledNumber);
        QString who = c.callerNumber.isEmpty() ? c.calledNumber : c.callerNumber;
        if (who.isEmpty())
            who = tr("(unknown)");
        return c.callerName.isEmpty() ? who : QStringLiteral("%1 <%2>").arg(c.callerName, who);
    }
    case QueueColumn:
        return c.acd ? c.queue : tr("direct");
    case WaitedColumn:
        return c.acd ? duration(c.waitedSeconds) : QString();
    case StateColumn:
        return stateText(c);
    case DurationColumn:
        return c.lost ? QString() : duration(c.since.elapsed() / 1000);
    default:
        return {};
    }
}

QVariant CallModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CallerColumn:
        return tr("Caller");
    case QueueColumn:
        return tr("Queue");
    case WaitedColumn:
        return tr("Waited");
    case StateColumn:
        return tr("State");
    case DurationColumn:
        return tr("Time");
    default:
        return {};
    }
}

const Call *CallModel::call(int row) const
{
    return row >= 0 && row < m_calls.size() ? &m_calls.at(row) : nullptr;
}

int CallModel::rowOf(HCALL handle) const
{
    for (int row = 0; row < m_calls.size(); ++row)
        if (m_calls.at(row).handle == handle && !m_calls.at(row).lost)
            return row;
    return -1;
}

int CallModel::findState(DWORD mask) const
{
    for (int row = 0; row < m_calls.size(); ++row)
        if (!m_calls.at(row).lost && (m_calls.at(row).state & mask))
            return row;
    return -1;
}

void CallModel::handleMessage(const LINEMESSAGE &m)
{
    switch (m.dwMessageID) {
    case LINE_APPNEWCALL:
        if (m.hDevice == m_line && rowOf(static_cast<HCALL>(m.dwParam2)) < 0)
            addCall(static_cast<HCALL>(m.dwParam2), LINECALLSTATE_UNKNOWN);
        break;
    case LINE_CALLSTATE: {
        const HCALL handle = m.hDevice;
        int row = rowOf(handle);
        if (row < 0) {
            if (m.dwParam1 == LINECALLSTATE_IDLE) {
                lineDeallocateCall(handle); // a call we never listed: free its handle
                break;
            }
            row = addCall(handle, LINECALLSTATE_UNKNOWN);
        }
        setState(row, static_cast<DWORD>(m.dwParam1));
        break;
    }
    case LINE_CALLINFO:
        if (int row = rowOf(m.hDevice); row >= 0)
            readInfo(row);
        break;
    default:
        break;
    }
}

int CallModel::addCall(HCALL handle, DWORD state)
{
    const int row = static_cast<int>(m_calls.size());
    beginInsertRows({}, row, row);
    Call c;
    c.handle = handle;
    c.state = state;
    c.since.start();
    m_calls.append(c);
    endInsertRows();
    readInfo(row);
    return row;
}

void CallModel::setState(int row, DWORD state)
{
    Call &c = m_calls[row];
    const DWORD old = c.state;
    c.state = state;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (state == LINECALLSTATE_OFFERING && old != LINECALLSTATE_OFFERING) {
        readInfo(row);
        const Call &r = m_calls.at(row);
        emit incomingCall(r.callerName.isEmpty()
                              ? r.callerNumber
                              : r.callerName + QLatin1String(" ") + r.callerNumber,
                          r.acd ? r.queue : QString(), r.waitedSeconds);
    }
    if (state == LINECALLSTATE_CONNECTED && c.acd)
        emit acdCallSeen(c.routePoint, c.queue, c.wrapUpSeconds);
    if (state == LINECALLSTATE_DISCONNECTED) {
        // The other side hung up: drop our side so the call (and the agent) is free.
        HCALL handle = c.handle;
        track(lineDrop(handle, nullptr, 0), tr("Hang up"));
    } else if (state == LINECALLSTATE_IDLE) {
        HCALL handle = c.handle;
        removeRow(row);
        lineDeallocateCall(handle);
    }
    const bool ringing = hasRinging();
    if (ringing != m_ringing) {
        m_ringing = ringing;
        emit ringingChanged(ringing);
    }
}

void CallModel::readInfo(int row)
{
    Call &c = m_calls[row];
    VarStruct<LINECALLINFO> info(4096);
    if (lineGetCallInfo(c.handle, info.get()) != 0)
        return;
    c.callerNumber = info.string(info->dwCallerIDSize, info->dwCallerIDOffset);
    c.callerName = info.string(info->dwCallerIDNameSize, info->dwCallerIDNameOffset);
    const QString called = info.string(info->dwCalledIDSize, info->dwCalledIDOffset);
    if (!called.isEmpty())
        c.calledNumber = called;
    if (info->dwOrigin & LINECALLORIGIN_OUTBOUND)
        c.outbound = true;
    if (info->dwCallDataSize >= 2 * sizeof(DWORD)) {
        // Read only what the sender wrote (dwSize) and what we know: later versions append.
        ACDCALLDATA data;
        std::memset(&data, 0, sizeof data);
        if (const std::optional<DWORD> head = info.read<DWORD>(info->dwCallDataOffset);
            head && std::size_t(info->dwCallDataOffset) + info->dwCallDataSize <= info.size()) {
            const std::size_t n = std::min<std::size_t>(
                {sizeof data, info->dwCallDataSize, static_cast<std::size_t>(*head)});
            std::memcpy(&data, info.bytes() + info->dwCallDataOffset, n);
            // Version 1 ends after szRoutePoint; version 2 adds dwWrapUpTime.
            if (data.dwVersion >= 1 && n >= offsetof(ACDCALLDATA, dwWrapUpTime)) {
                data.szQueueName[sizeof data.szQueueName - 1] = '\0';
                data.szRoutePoint[sizeof data.szRoutePoint - 1] = '\0';
                c.acd = true;
                c.queue = QString::fromUtf8(data.szQueueName);
                c.routePoint = QString::fromUtf8(data.szRoutePoint);
                c.waitedSeconds = static_cast<int>(data.dwWaitTime);
                if (data.dwVersion >= 2 && n >= sizeof data)
                    c.wrapUpSeconds = static_cast<int>(data.dwWrapUpTime);
            }
        }
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CallModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_calls.removeAt(row);
    endRemoveRows();
}

void CallModel::track(LONG request, const QString &what, std::function<void()> onSuccess,
                      std::shared_ptr<void> keepAlive)
{
    m_link.track(
        request,
        [this, what, onSuccess = std::move(onSuccess)](LONG result) {
            if (result == 0) {
                if (onSuccess)
                    onSuccess();
            } else {
                emit operationFailed(tr("%1 failed (%2)").arg(what, lineErrorName(result)));
            }
        },
        std::move(keepAlive));
}

void CallModel::answer(HCALL call)
{
    track(lineAnswer(call, nullptr, 0), tr("Answer"));
}

void CallModel::hangUp(HCALL call)
{
    track(lineDrop(call, nullptr, 0), tr("Hang up"));
}

void CallModel::hold(HCALL call)
{
    track(lineHold(call), tr("Hold"));
}

void CallModel::retrieve(HCALL call)
{
    track(lineUnhold(call), tr("Retrieve"));
}

void CallModel::blindTransfer(HCALL call, const QString &destination)
{
    track(lineBlindTransfer(call, destination.toUtf8().constData(), 0), tr("Transfer"));
}

void CallModel::consult(HCALL call, const QString &destination)
{
    auto consultHandle = std::make_shared<HCALL>(0);
    track(
        lineSetupTransfer(call, consultHandle.get(), nullptr), tr("Consultation"),
        [this, call, consultHandle, destination] {
            int row = rowOf(*consultHandle);
            if (row < 0)
                row = addCall(*consultHandle, LINECALLSTATE_DIALTONE);
            m_calls[row].consultationOf = call;
            m_calls[row].outbound = true;
            m_calls[row].calledNumber = destination;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            track(lineDial(*consultHandle, destination.toUtf8().constData(), 0), tr("Dial"));
        },
        consultHandle);
}

void CallModel::completeConsultation(HCALL call, bool conference)
{
    // `call` may be either side: find the consultation and the call it consults for.
    HCALL held = call;
    HCALL consultation = 0;
    for (const Call &c : m_calls) {
        if (c.lost)
            continue;
        if (c.handle == call && c.consultationOf)
            return completeConsultation(c.consultationOf, conference);
        if (c.consultationOf == call)
            consultation = c.handle;
    }
    if (!consultation) {
        emit operationFailed(tr("There is no consultation call to complete."));
        return;
    }
    auto conf = std::make_shared<HCALL>(0);
    track(
        lineCompleteTransfer(held, consultation, conference ? conf.get() : nullptr,
                             conference ? LINETRANSFERMODE_CONFERENCE : LINETRANSFERMODE_TRANSFER),
        conference ? tr("Conference") : tr("Transfer"), {}, conf);
}

void CallModel::cancelConsultation(HCALL call)
{
    HCALL held = call;
    HCALL consultation = 0;
    for (const Call &c : m_calls) {
        if (c.lost)
            continue;
        if (c.handle == call && c.consultationOf) {
            held = c.consultationOf;
            consultation = c.handle;
        } else if (c.consultationOf == call) {
            consultation = c.handle;
        }
    }
    // Providers differ in what lineUnhold does to a consultation: drop it ourselves first.
    auto retrieveHeld = [this, held] { track(lineUnhold(held), tr("Retrieve")); };
    if (consultation)
        track(lineDrop(consultation, nullptr, 0), tr("Hang up"), retrieveHeld);
    else
        retrieveHeld();
}

void CallModel::dial(const QString &destination)
{
    auto handle = std::make_shared<HCALL>(0);
    track(
        lineMakeCall(m_line, handle.get(), destination.toUtf8().constData(), 0, nullptr),
        tr("Dial"),
        [this, handle, destination] {
            int row = rowOf(*handle);
            if (row < 0)
                row = addCall(*handle, LINECALLSTATE_DIALING);
            m_calls[row].outbound = true;
            m_calls[row].calledNumber = destination;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        },
        handle);
}

void CallModel::markAllLost()
{
    for (int row = 0; row < m_calls.size(); ++row)
        m_calls[row].lost = true;
    if (!m_calls.isEmpty())
        emit dataChanged(index(0, 0), index(static_cast<int>(m_calls.size()) - 1, ColumnCount - 1));
    if (m_ringing) {
        m_ringing = false;
        emit ringingChanged(false);
    }
}

void CallModel::clearLost()
{
    for (int row = static_cast<int>(m_calls.size()) - 1; row >= 0; --row)
        if (m_calls.at(row).lost)
            removeRow(row);
}

void CallModel::adoptExisting()
{
    VarStruct<LINECALLLIST> list(1024);
    if (lineGetNewCalls(m_line, 0, LINECALLSELECT_LINE, list.get()) != 0)
        return;
    clearLost();
    for (const HCALL h : list.entries<HCALL>(list->dwCallsNumEntries, list->dwCallsOffset)) {
        if (rowOf(h) >= 0)
            continue;
        // lineGetNewCalls gives monitor handles; the agent needs to control the call.
        lineSetCallPrivilege(h, LINECALLPRIVILEGE_OWNER);
        VarStruct<LINECALLSTATUS> status(1024);
        DWORD state = LINECALLSTATE_UNKNOWN;
        if (lineGetCallStatus(h, status.get()) == 0)
            state = status->dwCallState;
        if (state == LINECALLSTATE_IDLE) {
            lineDeallocateCall(h);
            continue;
        }
        addCall(h, state);
    }
}

void CallModel::clear()
{
    beginResetModel();
    m_calls.clear();
    endResetModel();
    if (m_ringing) {
        m_ringing = false;
        emit ringingChanged(false);
    }
}

} // namespace desk
