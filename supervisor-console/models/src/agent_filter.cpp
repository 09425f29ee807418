#include "supmodels/agent_filter.h"

#include "supmodels/agent_model.h"

namespace acd::sup {

AgentFilter::AgentFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AgentModel::SortRole);
    // Live rows move as their figures change.
    setDynamicSortFilter(true);
}

void AgentFilter::setGroup(int group)
{
    m_group = group;
    invalidateRowsFilter();
}

void AgentFilter::setActivity(const QString &act)
{
    m_activity = act;
    invalidateRowsFilter();
}

void AgentFilter::setText(const QString &text)
{
    m_text = text;
    invalidateRowsFilter();
}

bool AgentFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QModelIndex i = sourceModel()->index(row, AgentModel::Name, parent);
    if (m_group != 0 && !i.data(AgentModel::GroupsRole).value<QList<int>>().contains(m_group))
        return false;
    if (!m_activity.isEmpty() && i.data(AgentModel::ActivityRole).toString() != m_activity)
        return false;
    if (!m_text.isEmpty()) {
        const QString station =
            sourceModel()->index(row, AgentModel::Station, parent).data().toString();
        if (!i.data().toString().contains(m_text, Qt::CaseInsensitive)
            && !station.contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace acd::sup
