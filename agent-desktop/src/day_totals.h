#pragma once
// The agent's figures from earlier logins today at this desktop, so "today" survives a logout
// and a new login (the engine's session figures start again with each login). Kept in the
// settings under day/ and forgotten when the date changes.
#include "agent_state.h"
#include "figures_model.h"

#include <QDate>
#include <QMap>

namespace desk {

class DayTotals {
public:
    explicit DayTotals(QDate today = QDate::currentDate());

    /// Calls handled, talk and handle time of the earlier logins today.
    CallFigures calls() const { return m_calls; }
    /// Seconds per state of the earlier logins today.
    QMap<AgentState, qint64> stateSeconds() const { return m_stateSeconds; }

    /// A login ended: its figures join the day's.
    void addLogin(const CallFigures &calls, const QMap<AgentState, qint64> &stateSeconds);

    static CallFigures sum(const CallFigures &a, const CallFigures &b);

private:
    void save() const;

    QDate m_today;
    CallFigures m_calls;
    QMap<AgentState, qint64> m_stateSeconds;
};

} // namespace desk
