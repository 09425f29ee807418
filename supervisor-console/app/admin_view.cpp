#include "admin_view.h"

#include "action_buttons.h"
#include "item_editor.h"

#include "supmodels/admin_model.h"
#include "supmodels/floor_state.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QVBoxLayout>

namespace acd::sup {

AdminView::AdminView(FloorState *floor, QWidget *parent)
    : QWidget(parent)
    , m_floor(floor)
    , m_model(new AdminModel(&floor->client(), this))
    , m_kind(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_new(new QAction(tr("&New..."), this))
    , m_edit(new QAction(tr("&Edit..."), this))
    , m_delete(new QAction(tr("&Delete"), this))
    , m_reload(new QAction(tr("Re&load"), this))
{
    for (const KindSpec &k : adminKinds())
        m_kind->addItem(k.label, k.kind);
    m_kind->setAccessibleName(tr("Configuration kind"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Configuration items"));
    m_status->setAccessibleName(tr("Administration status"));

    m_new->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_new->setToolTip(tr("Create an item (Ctrl+N)"));
    m_edit->setShortcut(QKeySequence(Qt::Key_Return));
    m_edit->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_edit->setToolTip(tr("Edit the selected item (Enter)"));
    m_delete->setShortcut(QKeySequence(Qt::Key_Delete));
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_delete->setToolTip(tr("Delete the selected item (Del)"));
    m_reload->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_reload->setToolTip(tr("Reload the list (Ctrl+Shift+F5)"));
    connect(m_new, &QAction::triggered, this, [this] { openEditor(-1); });
    connect(m_edit, &QAction::triggered, this, [this] {
        if (m_table->currentIndex().isValid())
            openEditor(m_table->currentIndex().row());
    });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &i) { openEditor(i.row()); });
    connect(m_delete, &QAction::triggered, this, &AdminView::removeSelected);
    connect(m_reload, &QAction::triggered, this, [this] { m_model->reload(); });
    connect(m_kind, &QComboBox::currentIndexChanged, this,
            [this] { showKind(m_kind->currentData().toString()); });

    auto *bar = new QHBoxLayout;
    auto *label = new QLabel(tr("&Configure:"), this);
    label->setBuddy(m_kind);
    bar->addWidget(label);
    bar->addWidget(m_kind);
    addActionButtons(this, bar, adminActions());
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    layout->addWidget(m_status);
}

QList<QAction *> AdminView::adminActions() const
{
    return {m_new, m_edit, m_delete, m_reload};
}

void AdminView::showKind(const QString &kind)
{
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(kind)));
    m_model->setKind(kind);
    m_model->reload([this](const Reply &r) {
        m_status->setText(r.ok ? tr("%n item(s)", nullptr, m_model->rowCount())
                               : tr("Cannot list: %1").arg(r.message));
        m_table->resizeColumnsToContents();
    });
}

ItemEditor *AdminView::openEditor(int row)
{
    if (!m_model->spec())
        showKind(m_kind->currentData().toString());
    auto *editor = new ItemEditor(m_model, row >= 0 ? m_model->item(row) : QJsonObject(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ItemEditor::saved, this, [this](const QJsonObject &item) {
        m_status->setText(tr("Saved %1 %2 (applied live)")
                              .arg(m_model->spec()->kind,
                                   item.value(m_model->spec()->key).toVariant().toString()));
    });
    editor->open();
    return editor;
}

void AdminView::removeSelected()
{
    const QModelIndex i = m_table->currentIndex();
    if (!i.isValid() || !m_model->spec())
        return;
    const QJsonValue key = m_model->item(i.row()).value(m_model->spec()->key);
    const QString text = key.toVariant().toString();
    if (QMessageBox::question(this, tr("Delete"),
                              tr("Delete %1 %2? The change is applied live and audited.")
                                  .arg(m_model->spec()->label, text))
        != QMessageBox::Yes)
        return;
    m_model->remove(key, [this, text](const Reply &r) {
        m_status->setText(r.ok ? tr("Deleted %1").arg(text) : tr("Not deleted: %1").arg(r.message));
    });
}

} // namespace acd::sup
