#pragma once
// Picks a destination (an extension or a queue's route point) for a transfer, consultation,
// conference or outbound call: typed, or chosen from the directory with a filter.
#include <QDialog>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace desk {

class DirectoryModel;

class TransferDialog : public QDialog {
    Q_OBJECT
public:
    TransferDialog(DirectoryModel *directory, const QString &title, QWidget *parent = nullptr);
    QString destination() const;

private:
    QLineEdit *m_number;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
};

} // namespace desk
