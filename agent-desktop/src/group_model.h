#pragma once
// The ACD groups offered at login (lineGetGroupList), each checkable; the checked ones are
// the groups the agent joins. Preselection comes from the settings (the last login's groups).
#include <QAbstractListModel>
#include <QList>
#include <QSet>
#include <QUuid>

namespace desk {

struct Group {
    QUuid id;
    QString name;
    bool checked = false;
};

class GroupModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1 };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    /// Replaces the list; groups whose ID is in `preselected` start checked (all of them
    /// when nothing matches, so a first login joins every group offered).
    void setGroups(QList<Group> groups, const QSet<QUuid> &preselected);
    QList<Group> checkedGroups() const;
    const QList<Group> &groups() const { return m_groups; }
    void setChecked(const QUuid &id, bool checked);

private:
    QList<Group> m_groups;
};

} // namespace desk
