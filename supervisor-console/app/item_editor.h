#pragma once
// ItemEditor: a form for one admin item, built from the kind's FieldSpecs. Errors (the
// client's checks or the engine's `invalid` reply) are shown next to the field they name.
// Queues get a table editor for their routing rules (relaxation steps).
#include "supclient/protocol_client.h"
#include "supmodels/admin_schema.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QPushButton;
class QTableWidget;

namespace acd::sup {

class AdminModel;

class ItemEditor : public QDialog {
    Q_OBJECT
public:
    /// `item` empty: a new item.
    ItemEditor(AdminModel *model, const QJsonObject &item, QWidget *parent = nullptr);

    QJsonObject item() const;
    /// Shows an error next to its field (or at the bottom if no field matches).
    void showError(const Reply &r);
    /// The label showing `field`'s error (tests).
    QLabel *errorLabel(const QString &field) const { return m_errors.value(field); }
    QWidget *editor(const QString &field) const { return m_editors.value(field); }
    QTableWidget *rulesTable() const { return m_rules; }
    void addRule(qint64 afterSeconds, const QString &action, qint64 value);
    QTableWidget *hoursTable() const { return m_hours; }
    void addHours(const QString &days, const QString &from, const QString &to);
    /// Validates and saves; accepts the dialog when the engine stored the item.
    void save();

signals:
    void saved(const QJsonObject &item);

private:
    QWidget *makeEditor(const FieldSpec &f, const QJsonValue &v);
    QWidget *makeRulesEditor(const QJsonArray &steps);
    QWidget *makeHoursEditor(const QJsonArray &spans);
    /// A list editor: the table above its Add and Remove buttons.
    void layOutTable(QWidget *box, QTableWidget *table, QPushButton *add, QPushButton *remove);
    void clearErrors();

    AdminModel *m_model;
    const KindSpec *m_spec;
    bool m_new;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_errors;
    QTableWidget *m_rules = nullptr;
    QTableWidget *m_hours = nullptr;
    QLabel *m_general;
};

} // namespace acd::sup
