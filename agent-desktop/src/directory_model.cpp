#include "directory_model.h"

namespace desk {

int DirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int DirectoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    if (role == NumberRole)
        return e.number;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NumberColumn:
        return e.number;
    case NameColumn:
        return e.name;
    case KindColumn:
        return e.queue ? tr("Queue") : tr("Extension");
    default:
        return {};
    }
}

QVariant DirectoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Type");
    default:
        return {};
    }
}

void DirectoryModel::setLines(const QList<LineEntry> &lines, const QString &ownExtension)
{
    beginResetModel();
    m_entries.clear();
    for (const LineEntry &line : lines)
        if (line.address != ownExtension)
            m_entries.append(Entry{line.address, line.name, line.routePoint});
    endResetModel();
}

void DirectoryModel::setQueueName(const QString &routePoint, const QString &queueName)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &e = m_entries[row];
        if (e.number == routePoint && e.queue && e.name != queueName) {
            e.name = queueName;
            emit dataChanged(index(row, NameColumn), index(row, NameColumn));
        }
    }
}

} // namespace desk
