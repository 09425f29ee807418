#include "wallboard_view.h"

#include "thresholds_dialog.h"

#include "supmodels/floor_state.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace acd::sup {

WallboardView::WallboardView(FloorState *floor, QWidget *parent)
    : QWidget(parent)
    , m_floor(floor)
    , m_table(new QTableView(this))
    , m_thresholds(new QAction(tr("&Thresholds..."), this))
{
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(&floor->queues());
    proxy->setSortRole(QueueModel::SortRole);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(QueueModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // Figures share the width so a wall display needs no scrolling; names fit their text.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(QueueModel::Name,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QueueModel::Open,
                                                      QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("Wallboard: one row per queue"));
    m_table->setAlternatingRowColors(true);

    m_thresholds->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_thresholds->setToolTip(tr("Alert thresholds of the selected queue (Ctrl+T)"));
    connect(m_thresholds, &QAction::triggered, this, &WallboardView::editThresholds);
    connect(m_table, &QTableView::doubleClicked, this, [this] { editThresholds(); });
    addAction(m_thresholds);

    m_table->horizontalHeader()->restoreState(
        QSettings().value(QStringLiteral("wallboard/header")).toByteArray());

    auto *button = new QToolButton(this);
    button->setDefaultAction(m_thresholds);
    button->setAccessibleName(tr("Edit thresholds"));
    auto *hint = new QLabel(tr("Amber and red cells pass the queue's thresholds; double-click "
                               "a queue to change them."),
                            this);
    auto *top = new QHBoxLayout;
    top->addWidget(hint, 1);
    top->addWidget(button);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table);
}

WallboardView::~WallboardView()
{
    QSettings().setValue(QStringLiteral("wallboard/header"),
                         m_table->horizontalHeader()->saveState());
}

void WallboardView::editThresholds()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int queue = current.data(QueueModel::IdRole).toInt();
    const QueueRow *row = m_floor->queues().row(queue);
    ThresholdsDialog dialog(row ? row->name : QString::number(queue),
                            m_floor->thresholds().forQueue(queue), this);
    if (dialog.exec() == QDialog::Accepted)
        m_floor->thresholds().setForQueue(queue, dialog.thresholds());
}

void WallboardView::setWallMode(bool on)
{
    QFont f = font();
    f.setPointSizeF(on ? f.pointSizeF() * 1.8 : QFont().pointSizeF());
    m_table->setFont(f);
    m_table->horizontalHeader()->setFont(f);
    m_table->resizeRowsToContents();
}

} // namespace acd::sup
