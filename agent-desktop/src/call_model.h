#pragma once
// The calls at the agent's station, one row each, and the call control the window offers on
// them (answer, hang up, hold/retrieve, blind transfer, consultation with transfer or
// conference, dial out). Rows follow LINE_APPNEWCALL / LINE_CALLSTATE / LINE_CALLINFO of the
// station line; caller ID and the ACD's queue data (ACDCALLDATA) come from lineGetCallInfo.
//
// Truthfulness: when the engine connection is lost the rows stay, marked "lost" (their
// handles mean nothing any more), never shown as still talking; adoptExisting() replaces them
// with the calls the engine still has once the line is open again.
#include "tapi.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

namespace desk {

class TapiLink;

struct Call {
    HCALL handle = 0;
    DWORD state = LINECALLSTATE_UNKNOWN;
    bool lost = false;
    QString callerNumber;
    QString callerName;
    QString calledNumber;
    bool outbound = false; ///< made from the station: show whom it calls
    bool acd = false;
    QString queue;
    QString routePoint;
    int waitedSeconds = 0;
    int wrapUpSeconds = -1; ///< the queue's after-call work (ACDCALLDATA version 2); -1 unknown
    HCALL consultationOf = 0; ///< this call consults for that (held) call
    QElapsedTimer since;      ///< the call's timer: since the desktop first saw it
};

class CallModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CallerColumn,
        QueueColumn,
        WaitedColumn,
        StateColumn,
        DurationColumn,
        ColumnCount
    };
    enum Role { HandleRole = Qt::UserRole + 1, CallStateRole, LostRole };

    explicit CallModel(TapiLink &link, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setLine(HLINE line) { m_line = line; }
    /// Feeds one TAPI message (call messages of the station line).
    void handleMessage(const LINEMESSAGE &m);

    const Call *call(int row) const;
    int rowOf(HCALL handle) const;
    /// The first row in `state` (a LINECALLSTATE_ mask), or -1.
    int findState(DWORD stateMask) const;
    bool hasRinging() const { return findState(LINECALLSTATE_OFFERING) >= 0; }

    // Call control. Failures are reported by operationFailed with a readable text.
    void answer(HCALL call);
    void hangUp(HCALL call);
    void hold(HCALL call);
    void retrieve(HCALL call);
    void blindTransfer(HCALL call, const QString &destination);
    /// Holds `call` pending transfer and dials `destination` on a consultation call.
    void consult(HCALL call, const QString &destination);
    /// Completes the consultation of `call` as a transfer or a three-way conference.
    void completeConsultation(HCALL call, bool conference);
    /// Ends the consultation of `call` (either side): the consultation call is dropped and
    /// the held call retrieved.
    void cancelConsultation(HCALL call);
    void dial(const QString &destination);

    /// The connection is gone: every row becomes "lost".
    void markAllLost();
    /// Removes the lost rows (the agent dismissed them, or they were replaced).
    void clearLost();
    /// After reconnecting: the calls the engine still has on the line become rows (owner
    /// privilege asked for), replacing the lost ones.
    void adoptExisting();
    /// Forgets every call (logout).
    void clear();

    static QString stateText(const Call &call);

signals:
    /// A call started ringing at the station (for the window, tray and sound).
    void incomingCall(const QString &caller, const QString &queue, int waitedSeconds);
    void operationFailed(const QString &text);
    /// An ACD call was answered: the queue it came from (for the directory's queue names).
    /// An ACD call's queue data; `wrapUpSeconds` is -1 when the engine does not tell it.
    void acdCallSeen(const QString &routePoint, const QString &queue, int wrapUpSeconds);
    void ringingChanged(bool ringing);

private:
    int addCall(HCALL handle, DWORD state);
    void setState(int row, DWORD state);
    void readInfo(int row);
    void removeRow(int row);
    void track(LONG request, const QString &what, std::function<void()> onSuccess = {},
               std::shared_ptr<void> keepAlive = {});

    TapiLink &m_link;
    HLINE m_line = 0;
    QList<Call> m_calls;
    QTimer m_tick;
    bool m_ringing = false;
};

} // namespace desk
