#pragma once
// AgentModel: the agents grid, one row per agent: state (the engine's activity), Not Ready
// reason, time in state, station and groups (from its sessions), the current call (queue,
// caller, duration) and calls answered since the engine started. Batched like the wallboard
// (batched_rows.h).
#include "supmodels/batched_rows.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <vector>

namespace acd::sup {

struct AgentRow {
    int id = 0;
    QString name;
    QString state;    ///< TAPI-ish agent state ("ready", "not-ready", "busy-acd", ...)
    QString activity; ///< what the engine is doing with the agent ("on-call", ...)
    int reason = 0;
    qint64 activitySince = 0;
    QString station;
    QList<int> groups;
    qint64 call = 0; ///< current call, 0 none
    int callQueue = 0;
    QString caller;
    qint64 callSince = 0;
    qint64 answeredTotal = 0;    ///< since the engine started
    qint64 answeredInterval = 0; ///< in the current interval
    qint64 handledTotal = 0;
};

class AgentModel : public BatchedRowModel<AgentRow> {
    Q_OBJECT
public:
    enum Column {
        Name,
        Station,
        State,
        Reason,
        TimeInState,
        CallQueue,
        Caller,
        CallDuration,
        CallsToday,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, IdRole, ActivityRole, GroupsRole };

    explicit AgentModel(QObject *parent = nullptr);

    void setClock(std::function<qint64()> engineNow) { m_now = std::move(engineNow); }
    /// Names for queue ids and reason codes (display only).
    void setQueueNames(std::function<QString(int)> name) { m_queueName = std::move(name); }
    void setReasonNames(QHash<int, QString> names);

    void resetFrom(const QJsonArray &agents);
    /// An agent object (snapshot shape): figures, state; keeps sessions and call details.
    void upsert(const QJsonObject &agent);
    /// agent.removed: an admin deleted it.
    void remove(int agent);
    void setState(int agent, const QString &state, const QString &activity, int reason, qint64 at);
    void setSessions(int agent, const QString &station, const QList<int> &groups);
    void setCall(int agent, qint64 call, int queue, const QString &caller, qint64 since);
    void clearCall(int agent, qint64 call);
    /// Calls answered in today's closed intervals per agent (db); "calls today" = these +
    /// the live interval's. Until set: the engine's totals.
    void setDayBase(const QHash<int, qint64> &answered);
    void closeInterval(int agent, qint64 answered);
    qint64 answeredToday(const AgentRow &r) const;
    void tick();
    void setFrozen(bool frozen);

    const AgentRow *row(int agent) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

    /// The display name of an activity ("on-call" -> "On call").
    static QString activityText(const QString &activity);

private:
    static void applyObject(AgentRow &r, const QJsonObject &a);
    QVariant value(const AgentRow &r, int column) const;
    QVariant text(const AgentRow &r, int column) const;
    qint64 now() const;

    std::function<qint64()> m_now;
    std::function<QString(int)> m_queueName;
    QHash<int, QString> m_reasonNames;
    bool m_frozen = false;
    qint64 m_frozenAt = 0;
    bool m_hasDay = false;
    QHash<int, qint64> m_dayBase;
};

} // namespace acd::sup
