#include "group_model.h"

namespace desk {

int GroupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_groups.size());
}

QVariant GroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Group &g = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return g.name;
    case Qt::CheckStateRole:
        return g.checked ? Qt::Checked : Qt::Unchecked;
    case IdRole:
        return g.id;
    default:
        return {};
    }
}

bool GroupModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    m_groups[index.row()].checked = value.toInt() == Qt::Checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags GroupModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

void GroupModel::setGroups(QList<Group> groups, const QSet<QUuid> &preselected)
{
    beginResetModel();
    m_groups = std::move(groups);
    bool any = false;
    for (Group &g : m_groups) {
        g.checked = preselected.contains(g.id);
        any = any || g.checked;
    }
    if (!any)
        for (Group &g : m_groups)
            g.checked = true;
    endResetModel();
}

QList<Group> GroupModel::checkedGroups() const
{
    QList<Group> out;
    for (const Group &g : m_groups)
        if (g.checked)
            out.append(g);
    return out;
}

void GroupModel::setChecked(const QUuid &id, bool checked)
{
    for (int row = 0; row < m_groups.size(); ++row)
        if (m_groups[row].id == id)
            setData(index(row), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

} // namespace desk
