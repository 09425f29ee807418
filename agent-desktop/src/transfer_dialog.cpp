#include "transfer_dialog.h"

#include "directory_model.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace desk {

TransferDialog::TransferDialog(DirectoryModel *directory, const QString &title, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    auto *label = new QLabel(tr("&Number, or search the directory:"));
    m_number = new QLineEdit;
    m_number->setAccessibleName(tr("Destination number"));
    label->setBuddy(m_number);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(directory);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_table = new QTableView;
    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("Directory of extensions and queues"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DirectoryModel::NumberColumn, Qt::AscendingOrder);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(title);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_number);
    layout->addWidget(m_table);
    layout->addWidget(buttons);

    // Typing filters the directory; picking an entry fills in its number.
    connect(m_number, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_filter->setFilterFixedString(text); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_number->setText(current.data(DirectoryModel::NumberRole).toString());
            });
    connect(m_table, &QTableView::doubleClicked, this, [this] { accept(); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!destination().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(420, 360);
}

QString TransferDialog::destination() const
{
    return m_number->text().trimmed();
}

} // namespace desk
