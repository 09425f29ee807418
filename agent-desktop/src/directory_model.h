#pragma once
// The directory a transfer, conference or outbound call picks from: the switch's station
// extensions and the queues' route points (from the line scan at login).
#include "station_directory.h"

#include <QAbstractTableModel>

namespace desk {

class DirectoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, NameColumn, KindColumn, ColumnCount };
    enum Role { NumberRole = Qt::UserRole + 1 };
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Every line except `ownExtension`; route points are listed as queues (named by
    /// setQueueName once an ACD call tells which queue a route point feeds).
    void setLines(const QList<LineEntry> &lines, const QString &ownExtension);
    void setQueueName(const QString &routePoint, const QString &queueName);

private:
    struct Entry {
        QString number;
        QString name;
        bool queue = false;
    };
    QList<Entry> m_entries;
};

} // namespace desk
