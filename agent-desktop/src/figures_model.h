#pragma once
// "My figures": calls handled, average talk and handle time today (the sum of the agent's
// sessions, lineGetAgentSessionInfo, plus earlier logins today: DayTotals) and over the
// engine's measurement period (lineGetAgentInfo), and the time spent in each state today
// (counted by the desktop from the state changes it saw). One row per figure: name, value.
#include "agent_state.h"

#include <QAbstractTableModel>
#include <QMap>

namespace desk {

struct CallFigures {
    bool known = false;
    int calls = 0;
    int talkSeconds = 0;
    int handleSeconds = 0; ///< talk plus wrap-up
};

class FiguresModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setShift(const CallFigures &figures);
    void setPeriod(const CallFigures &figures, int periodSeconds);
    void setStateTimes(const QMap<AgentState, qint64> &seconds);
    void clear();

    const CallFigures &shift() const { return m_shift; }
    const CallFigures &period() const { return m_period; }

    static QString duration(qint64 seconds);

private:
    enum Row {
        ShiftCalls,
        ShiftTalk,
        ShiftHandle,
        PeriodCalls,
        PeriodTalk,
        PeriodHandle,
        TimeReady,
        TimeNotReady,
        TimeAcd,
        TimeOther,
        TimeWrapUp,
        RowCount
    };
    QString name(int row) const;
    QString value(int row) const;
    void changed(int first, int last);

    CallFigures m_shift;
    CallFigures m_period;
    int m_periodSeconds = 0;
    QMap<AgentState, qint64> m_stateSeconds;
};

} // namespace desk
