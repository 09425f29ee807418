#pragma once
// AgentFilter: the agents grid's sorting (by raw values, not display text) and filtering by
// group, by state (activity) and by a name/station text.
#include <QSortFilterProxyModel>

namespace acd::sup {

class AgentFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit AgentFilter(QObject *parent = nullptr);

    void setGroup(int group);             ///< 0: every group
    void setActivity(const QString &act); ///< empty: every state
    void setText(const QString &text);
    int group() const { return m_group; }
    QString activity() const { return m_activity; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    int m_group = 0;
    QString m_activity;
    QString m_text;
};

} // namespace acd::sup
