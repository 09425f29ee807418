#include "day_totals.h"

#include <QSettings>

namespace desk {
namespace {

const AgentState kCountedStates[] = {AgentState::Ready, AgentState::NotReady, AgentState::OnAcdCall,
                                     AgentState::OnOtherCall, AgentState::WrapUp};

} // namespace

DayTotals::DayTotals(QDate today)
    : m_today(today)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("day"));
    if (settings.value(QStringLiteral("date")).toDate() != today)
        return; // another day: start from zero
    m_calls.known = true;
    m_calls.calls = settings.value(QStringLiteral("calls")).toInt();
    m_calls.talkSeconds = settings.value(QStringLiteral("talk")).toInt();
    m_calls.handleSeconds = settings.value(QStringLiteral("handle")).toInt();
    for (AgentState state : kCountedStates)
        m_stateSeconds[state] = settings.value(QStringLiteral("state/") + key(state)).toLongLong();
}

CallFigures DayTotals::sum(const CallFigures &a, const CallFigures &b)
{
    CallFigures s;
    s.known = a.known || b.known;
    s.calls = a.calls + b.calls;
    s.talkSeconds = a.talkSeconds + b.talkSeconds;
    s.handleSeconds = a.handleSeconds + b.handleSeconds;
    return s;
}

void DayTotals::addLogin(const CallFigures &calls, const QMap<AgentState, qint64> &stateSeconds)
{
    m_calls = sum(m_calls, calls);
    for (AgentState state : kCountedStates)
        m_stateSeconds[state] += stateSeconds.value(state);
    save();
}

void DayTotals::save() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("day"));
    settings.setValue(QStringLiteral("date"), m_today);
    settings.setValue(QStringLiteral("calls"), m_calls.calls);
    settings.setValue(QStringLiteral("talk"), m_calls.talkSeconds);
    settings.setValue(QStringLiteral("handle"), m_calls.handleSeconds);
    for (AgentState state : kCountedStates)
        settings.setValue(QStringLiteral("state/") + key(state), m_stateSeconds.value(state));
}

} // namespace desk
