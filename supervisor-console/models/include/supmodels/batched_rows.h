#pragma once
// BatchedRowModel: the table model behind the wallboard and the agents grid. Rows are kept
// in a vector and found by id through a hash; changes are applied to the rows at once but
// announced in batches: flush() announces new rows with one insert and changed rows with one
// dataChanged per run of consecutive rows, so a burst of events costs one repaint. Until
// flush(), rowCount() reports only the rows the views were told about.
#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace acd::sup {

template<class Row>
class BatchedRowModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowOf(int id) const { return m_index.value(id, -1); }
    const std::vector<Row> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        if (parent.isValid())
            return 0;
        return m_pendingInsert >= 0 ? m_pendingInsert : int(m_rows.size());
    }

    /// Announces the rows added and changed since the last flush.
    void flush()
    {
        if (m_pendingInsert >= 0) {
            beginInsertRows({}, m_pendingInsert, int(m_rows.size()) - 1);
            m_pendingInsert = -1;
            endInsertRows();
        }
        if (m_dirtyCount == 0)
            return;
        int start = -1;
        for (int i = 0; i <= int(m_dirty.size()); ++i) {
            const bool d = i < int(m_dirty.size()) && m_dirty[size_t(i)];
            if (d && start < 0)
                start = i;
            if (!d && start >= 0) {
                emit dataChanged(index(start, 0), index(i - 1, columnCount() - 1));
                start = -1;
            }
            if (d)
                m_dirty[size_t(i)] = false;
        }
        m_dirtyCount = 0;
    }

protected:
    /// Replaces every row (a snapshot): one model reset.
    void replaceRows(std::vector<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        rebuildIndex();
        m_dirty.assign(m_rows.size(), false);
        m_dirtyCount = 0;
        m_pendingInsert = -1;
        endResetModel();
    }
    /// Appends a row now; the views learn of it at the next flush.
    void appendRow(Row row)
    {
        if (m_pendingInsert < 0)
            m_pendingInsert = int(m_rows.size());
        m_index.insert(row.id, int(m_rows.size()));
        m_rows.push_back(std::move(row));
        m_dirty.push_back(false);
    }
    /// The row with this id, marked changed; null when there is none.
    Row *changeRow(int id)
    {
        const int r = rowOf(id);
        if (r < 0)
            return nullptr;
        markDirty(r);
        return &m_rows[size_t(r)];
    }
    void markDirty(int row)
    {
        if (m_pendingInsert >= 0 && row >= m_pendingInsert)
            return; // announced by the insert
        if (!m_dirty[size_t(row)]) {
            m_dirty[size_t(row)] = true;
            ++m_dirtyCount;
        }
    }
    /// Removes the row with this id at once (after announcing what is pending, so the row
    /// numbers are the views' too).
    void removeRowById(int id)
    {
        flush();
        const int r = rowOf(id);
        if (r < 0)
            return;
        beginRemoveRows({}, r, r);
        m_rows.erase(m_rows.begin() + r);
        m_dirty.erase(m_dirty.begin() + r);
        rebuildIndex();
        endRemoveRows();
    }
    std::vector<Row> &mutableRows() { return m_rows; }

private:
    void rebuildIndex()
    {
        m_index.clear();
        for (int i = 0; i < int(m_rows.size()); ++i)
            m_index.insert(m_rows[size_t(i)].id, i);
    }

    std::vector<Row> m_rows;
    QHash<int, int> m_index;
    std::vector<bool> m_dirty;
    int m_dirtyCount = 0;
    int m_pendingInsert = -1;
};

} // namespace acd::sup
