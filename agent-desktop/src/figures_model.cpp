#include "figures_model.h"

namespace desk {
namespace {

QString average(const CallFigures &f, int total)
{
    if (!f.known)
        return QStringLiteral("-");
    if (f.calls == 0)
        return FiguresModel::duration(0);
    return FiguresModel::duration(total / f.calls);
}

} // namespace

QString FiguresModel::duration(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600)
        .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

int FiguresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int FiguresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FiguresModel::name(int row) const
{
    const QString period = m_periodSeconds > 0 ? tr("last %n min", nullptr, m_periodSeconds / 60)
                                               : tr("measurement period");
    switch (row) {
    case ShiftCalls:
        return tr("Calls handled (today)");
    case ShiftTalk:
        return tr("Average talk time (today)");
    case ShiftHandle:
        return tr("Average handle time (today)");
    case PeriodCalls:
        return tr("Calls handled (%1)").arg(period);
    case PeriodTalk:
        return tr("Average talk time (%1)").arg(period);
    case PeriodHandle:
        return tr("Average handle time (%1)").arg(period);
    case TimeReady:
        return tr("Time Ready today");
    case TimeNotReady:
        return tr("Time Not Ready today");
    case TimeAcd:
        return tr("Time on ACD calls today");
    case TimeOther:
        return tr("Time on other calls today");
    case TimeWrapUp:
        return tr("Time in wrap-up today");
    default:
        return {};
    }
}

QString FiguresModel::value(int row) const
{
    switch (row) {
    case ShiftCalls:
        return m_shift.known ? QString::number(m_shift.calls) : QStringLiteral("-");
    case ShiftTalk:
        return average(m_shift, m_shift.talkSeconds);
    case ShiftHandle:
        return average(m_shift, m_shift.handleSeconds);
    case PeriodCalls:
        return m_period.known ? QString::number(m_period.calls) : QStringLiteral("-");
    case PeriodTalk:
        return average(m_period, m_period.talkSeconds);
    case PeriodHandle:
        return average(m_period, m_period.handleSeconds);
    case TimeReady:
        return duration(m_stateSeconds.value(AgentState::Ready));
    case TimeNotReady:
        return duration(m_stateSeconds.value(AgentState::NotReady));
    case TimeAcd:
        return duration(m_stateSeconds.value(AgentState::OnAcdCall));
    case TimeOther:
        return duration(m_stateSeconds.value(AgentState::OnOtherCall));
    case TimeWrapUp:
        return duration(m_stateSeconds.value(AgentState::WrapUp));
    default:
        return {};
    }
}

QVariant FiguresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::TextAlignmentRole && index.column() == ValueColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    return index.column() == NameColumn ? name(index.row()) : value(index.row());
}

QVariant FiguresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Figure") : tr("Value");
}

void FiguresModel::changed(int first, int last)
{
    emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void FiguresModel::setShift(const CallFigures &figures)
{
    m_shift = figures;
    changed(ShiftCalls, ShiftHandle);
}

void FiguresModel::setPeriod(const CallFigures &figures, int periodSeconds)
{
    m_period = figures;
    m_periodSeconds = periodSeconds;
    changed(PeriodCalls, PeriodHandle);
}

void FiguresModel::setStateTimes(const QMap<AgentState, qint64> &seconds)
{
    m_stateSeconds = seconds;
    changed(TimeReady, TimeWrapUp);
}

void FiguresModel::clear()
{
    m_shift = {};
    m_period = {};
    m_periodSeconds = 0;
    m_stateSeconds.clear();
    changed(0, RowCount - 1);
}

} // namespace desk
