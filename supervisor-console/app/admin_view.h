#pragma once
// AdminView: the configuration (admin role): pick a kind, see its items, create, edit or
// delete them through the engine's admin API (validated, applied live, audited).
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace acd::sup {

class AdminModel;
class FloorState;
class ItemEditor;

class AdminView : public QWidget {
    Q_OBJECT
public:
    explicit AdminView(FloorState *floor, QWidget *parent = nullptr);

    QList<QAction *> adminActions() const;
    AdminModel *model() const { return m_model; }
    void showKind(const QString &kind);
    /// Opens the editor on row `row` (-1: new); returns it (non-modal, deletes itself).
    ItemEditor *openEditor(int row);

private:
    void removeSelected();

    FloorState *m_floor;
    AdminModel *m_model;
    QComboBox *m_kind;
    QTableView *m_table;
    QLabel *m_status;
    QAction *m_new, *m_edit, *m_delete, *m_reload;
};

} // namespace acd::sup
