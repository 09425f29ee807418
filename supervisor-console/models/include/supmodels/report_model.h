#pragma once
// ReportModel: one result of the `report` op ({"columns": [...], "rows": [[...], ...]}) as a
// table of the engine's text cells, exactly acd-report's; sorts numbers as numbers; exports
// RFC 4180 CSV with CRLF line ends like `acd-report --csv`.
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QStringList>

namespace acd::sup {

class ReportModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { SortRole = Qt::UserRole };

    explicit ReportModel(QObject *parent = nullptr);

    void setResult(const QJsonObject &result);
    void clear();
    QString kind() const { return m_kind; }
    const QStringList &columns() const { return m_columns; }
    const QList<QStringList> &rows() const { return m_rows; }
    QString toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    QString m_kind;
    QStringList m_columns;
    QList<QStringList> m_rows;
};

} // namespace acd::sup
