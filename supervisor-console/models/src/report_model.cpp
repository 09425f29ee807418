#include "supmodels/report_model.h"

#include <QJsonArray>

namespace acd::sup {
namespace {

QString csvCell(const QString &cell)
{
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"'))
        && !cell.contains(QLatin1Char('\n')) && !cell.contains(QLatin1Char('\r')))
        return cell;
    QString quoted = cell;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList &cells)
{
    QStringList out;
    out.reserve(cells.size());
    for (const QString &c : cells)
        out.append(csvCell(c));
    return out.join(QLatin1Char(',')) + QLatin1String("\r\n");
}

} // namespace

ReportModel::ReportModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ReportModel::setResult(const QJsonObject &result)
{
    beginResetModel();
    m_kind = result.value(QLatin1String("kind")).toString();
    m_columns.clear();
    m_rows.clear();
    for (const QJsonValue &c : result.value(QLatin1String("columns")).toArray())
        m_columns.append(c.toString());
    for (const QJsonValue &r : result.value(QLatin1String("rows")).toArray()) {
        QStringList row;
        for (const QJsonValue &cell : r.toArray())
            row.append(cell.toString());
        m_rows.append(row);
    }
    endResetModel();
}

void ReportModel::clear()
{
    beginResetModel();
    m_kind.clear();
    m_columns.clear();
    m_rows.clear();
    endResetModel();
}

QString ReportModel::toCsv() const
{
    QString out = csvLine(m_columns);
    for (const QStringList &r : m_rows)
        out += csvLine(r);
    return out;
}

int ReportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString cell = m_rows[index.row()].value(index.column());
    if (role == Qt::DisplayRole)
        return cell;
    if (role == SortRole) {
        bool ok = false;
        const double v = cell.toDouble(&ok);
        return ok ? QVariant(v) : QVariant(cell);
    }
    return {};
}

QVariant ReportModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns[section];
    return QAbstractTableModel::headerData(section, o, role);
}

} // namespace acd::sup
