#include "item_editor.h"

#include "supmodels/admin_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace acd::sup {
namespace {

const QStringList kActions = {QStringLiteral("lower-min-level"), QStringLiteral("add-queue"),
                              QStringLiteral("raise-priority")};

} // namespace

ItemEditor::ItemEditor(AdminModel *model, const QJsonObject &item, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_spec(model->spec())
    , m_new(item.isEmpty())
    , m_general(new QLabel(this))
{
    setWindowTitle(
        m_new ? tr("New item: %1").arg(m_spec->label)
              : tr("%1 %2").arg(m_spec->label, item.value(m_spec->key).toVariant().toString()));
    auto *form = new QFormLayout;
    for (const FieldSpec &f : m_spec->fields) {
        QJsonValue v = item.value(f.name);
        if (m_new && v.isUndefined())
            v = f.defaultValue;
        QWidget *e = makeEditor(f, v);
        e->setAccessibleName(f.label);
        m_editors.insert(f.name, e);
        if (f.name == m_spec->key && !m_new)
            e->setEnabled(false); // the key names the item; a new key is a new item
        auto *error = new QLabel(this);
        error->setStyleSheet(QStringLiteral("color: #c62828"));
        error->setWordWrap(true);
        error->setAccessibleName(tr("%1 error").arg(f.label));
        error->hide();
        m_errors.insert(f.name, error);
        auto *cell = new QWidget(this);
        auto *v2 = new QVBoxLayout(cell);
        v2->setContentsMargins(0, 0, 0, 0);
        v2->addWidget(e);
        v2->addWidget(error);
        auto *label = new QLabel(f.label + (f.required ? QStringLiteral(" *") : QString()), this);
        label->setBuddy(e);
        form->addRow(label, cell);
    }
    m_general->setStyleSheet(QStringLiteral("color: #c62828"));
    m_general->setWordWrap(true);
    m_general->setAccessibleName(tr("Save error"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ItemEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Queues have many fields: the form scrolls, the buttons stay in view.
    auto *formBox = new QWidget(this);
    formBox->setLayout(form);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(formBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(formBox->sizeHint().width() + 24);
    scroll->setMinimumHeight(qMin(formBox->sizeHint().height() + 8, 560));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_general);
    layout->addWidget(buttons);
}

QWidget *ItemEditor::makeEditor(const FieldSpec &f, const QJsonValue &v)
{
    switch (f.type) {
    case FieldType::Int: {
        // A line edit, not a spin box: out-of-range input must reach the validation (and its
        // message) instead of being clamped silently.
        auto *e = new QLineEdit(this);
        if (!v.isUndefined() && !v.isNull())
            e->setText(QString::number(v.toInteger()));
        e->setPlaceholderText(QStringLiteral("%1..%2").arg(f.min).arg(f.max));
        return e;
    }
    case FieldType::Bool: {
        auto *e = new QCheckBox(this);
        e->setChecked(v.toBool());
        return e;
    }
    case FieldType::Enum: {
        auto *e = new QComboBox(this);
        e->addItems(f.values);
        e->setCurrentIndex(qMax(0, int(f.values.indexOf(v.toString()))));
        return e;
    }
    case FieldType::Secret: {
        auto *e = new QLineEdit(this);
        e->setEchoMode(QLineEdit::Password);
        e->setPlaceholderText(m_new ? tr("required") : tr("unchanged when empty"));
        return e;
    }
    case FieldType::Skills: {
        auto *e = new QLineEdit(skillsText(v.toArray()), this);
        e->setPlaceholderText(tr("e.g. 1:8, 3:5"));
        return e;
    }
    case FieldType::Relaxation:
        return makeRulesEditor(v.toArray());
    case FieldType::OpenHours:
        return makeHoursEditor(v.toArray());
    case FieldType::DateList: {
        auto *e = new QLineEdit(datesText(v.toArray()), this);
        e->setPlaceholderText(tr("e.g. 2026-12-25, 2027-01-01"));
        return e;
    }
    case FieldType::Text:
        break;
    }
    auto *e = new QLineEdit(v.toVariant().toString(), this);
    return e;
}

void ItemEditor::layOutTable(QWidget *box, QTableWidget *table, QPushButton *add,
                             QPushButton *remove)
{
    // "Remove" takes the current row away; "Add" is the caller's (its defaults differ).
    connect(remove, &QPushButton::clicked, this, [table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    layout->addLayout(buttons);
}

QWidget *ItemEditor::makeRulesEditor(const QJsonArray &steps)
{
    auto *box = new QWidget(this);
    m_rules = new QTableWidget(0, 3, box);
    m_rules->setHorizontalHeaderLabels({tr("After (s)"), tr("Action"), tr("Value")});
    m_rules->horizontalHeader()->setStretchLastSection(true);
    m_rules->setAccessibleName(tr("Routing rules"));
    m_rules->setMinimumSize(420, 120);
    m_rules->setColumnWidth(0, 80);
    m_rules->setColumnWidth(1, 170);
    for (const QJsonValue &s : steps) {
        const QJsonObject o = s.toObject();
        addRule(o.value(QLatin1String("afterSeconds")).toInteger(),
                o.value(QLatin1String("action")).toString(),
                o.value(QLatin1String("value")).toInteger());
    }
    auto *add = new QPushButton(tr("&Add rule"), box);
    auto *remove = new QPushButton(tr("Re&move rule"), box);
    add->setAccessibleName(tr("Add routing rule"));
    remove->setAccessibleName(tr("Remove routing rule"));
    connect(add, &QPushButton::clicked, this, [this] {
        const int n = m_rules->rowCount();
        const qint64 after = n ? m_rules->item(n - 1, 0)->text().toLongLong() + 30 : 30;
        addRule(after, kActions[0], 1);
    });
    layOutTable(box, m_rules, add, remove);
    return box;
}

QWidget *ItemEditor::makeHoursEditor(const QJsonArray &spans)
{
    auto *box = new QWidget(this);
    m_hours = new QTableWidget(0, 3, box);
    m_hours->setHorizontalHeaderLabels({tr("Days"), tr("From"), tr("To")});
    m_hours->horizontalHeader()->setStretchLastSection(true);
    m_hours->setAccessibleName(tr("Business hours"));
    m_hours->setMinimumSize(420, 100);
    m_hours->setColumnWidth(0, 220);
    for (const QJsonValue &v : spans) {
        const QJsonObject o = v.toObject();
        QStringList days;
        for (const QJsonValue &d : o.value(QLatin1String("days")).toArray())
            days.append(d.toString());
        addHours(days.join(QStringLiteral(",")), o.value(QLatin1String("from")).toString(),
                 o.value(QLatin1String("to")).toString());
    }
    auto *add = new QPushButton(tr("Add &hours"), box);
    auto *remove = new QPushButton(tr("Remove h&ours"), box);
    add->setAccessibleName(tr("Add business hours"));
    remove->setAccessibleName(tr("Remove business hours"));
    connect(add, &QPushButton::clicked, this,
            [this] { addHours(QStringLiteral("mon,tue,wed,thu,fri"), "08:00", "18:00"); });
    layOutTable(box, m_hours, add, remove);
    return box;
}

void ItemEditor::addHours(const QString &days, const QString &from, const QString &to)
{
    const int row = m_hours->rowCount();
    m_hours->insertRow(row);
    m_hours->setItem(row, 0, new QTableWidgetItem(days));
    m_hours->setItem(row, 1, new QTableWidgetItem(from));
    m_hours->setItem(row, 2, new QTableWidgetItem(to));
}

void ItemEditor::addRule(qint64 afterSeconds, const QString &action, qint64 value)
{
    const int row = m_rules->rowCount();
    m_rules->insertRow(row);
    m_rules->setItem(row, 0, new QTableWidgetItem(QString::number(afterSeconds)));
    auto *combo = new QComboBox(m_rules);
    combo->addItems(kActions);
    combo->setCurrentIndex(qMax(0, int(kActions.indexOf(action))));
    combo->setAccessibleName(tr("Rule %1 action").arg(row + 1));
    m_rules->setCellWidget(row, 1, combo);
    m_rules->setItem(row, 2, new QTableWidgetItem(QString::number(value)));
}

QJsonObject ItemEditor::item() const
{
    QJsonObject o;
    for (const FieldSpec &f : m_spec->fields) {
        QWidget *e = m_editors.value(f.name);
        switch (f.type) {
        case FieldType::Int: {
            const QString text = static_cast<QLineEdit *>(e)->text().trimmed();
            if (text.isEmpty())
                break;
            bool ok = false;
            const qint64 n = text.toLongLong(&ok);
            // Not a number: sent as text so the validation names the field.
            o.insert(f.name, ok ? QJsonValue(n) : QJsonValue(text));
            break;
        }
        case FieldType::Bool:
            o.insert(f.name, static_cast<QCheckBox *>(e)->isChecked());
            break;
        case FieldType::Enum:
            o.insert(f.name, static_cast<QComboBox *>(e)->currentText());
            break;
        case FieldType::Secret: {
            const QString text = static_cast<QLineEdit *>(e)->text();
            if (!text.isEmpty())
                o.insert(f.name, text);
            break;
        }
        case FieldType::Skills: {
            const auto skills = parseSkills(static_cast<QLineEdit *>(e)->text(), nullptr);
            o.insert(f.name, skills ? QJsonValue(*skills)
                                    : QJsonValue(static_cast<QLineEdit *>(e)->text()));
            break;
        }
        case FieldType::Relaxation: {
            QJsonArray steps;
            for (int r = 0; r < m_rules->rowCount(); ++r) {
                bool okAfter = false, okValue = false;
                const qint64 after = m_rules->item(r, 0)->text().trimmed().toLongLong(&okAfter);
                const qint64 value = m_rules->item(r, 2)->text().trimmed().toLongLong(&okValue);
                steps.append(QJsonObject{
                    {QStringLiteral("afterSeconds"), okAfter ? after : -1},
                    {QStringLiteral("action"),
                     static_cast<QComboBox *>(m_rules->cellWidget(r, 1))->currentText()},
                    {QStringLiteral("value"), okValue ? value : -1}});
            }
            o.insert(f.name, steps);
            break;
        }
        case FieldType::OpenHours: {
            QJsonArray spans;
            for (int r = 0; r < m_hours->rowCount(); ++r) {
                QJsonArray days;
                const QString dayText = m_hours->item(r, 0)->text();
                for (const QString &d : dayText.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    days.append(d.trimmed().toLower());
                spans.append(
                    QJsonObject{{QStringLiteral("days"), days},
                                {QStringLiteral("from"), m_hours->item(r, 1)->text().trimmed()},
                                {QStringLiteral("to"), m_hours->item(r, 2)->text().trimmed()}});
            }
            if (!spans.isEmpty())
                o.insert(f.name, spans);
            break;
        }
        case FieldType::DateList: {
            const QJsonArray dates = parseDates(static_cast<QLineEdit *>(e)->text());
            if (!dates.isEmpty())
                o.insert(f.name, dates);
            break;
        }
        case FieldType::Text: {
            const QString text = static_cast<QLineEdit *>(e)->text().trimmed();
            if (!text.isEmpty())
                o.insert(f.name, text);
            break;
        }
        }
    }
    return o;
}

void ItemEditor::clearErrors()
{
    for (QLabel *l : std::as_const(m_errors))
        l->hide();
    m_general->clear();
}

void ItemEditor::showError(const Reply &r)
{
    clearErrors();
    const QString field = topLevelField(r.field);
    if (QLabel *l = m_errors.value(field)) {
        l->setText(r.message);
        l->show();
        if (QWidget *e = m_editors.value(field))
            e->setFocus();
    }
    m_general->setText(r.code == QLatin1String("invalid") && m_errors.contains(field)
                           ? tr("Not saved: see the field marked above.")
                           : tr("Not saved: %1").arg(r.message));
}

void ItemEditor::save()
{
    clearErrors();
    const QJsonObject o = item();
    // A skills text that does not parse: say so before anything else.
    if (m_spec->kind == QLatin1String("agents")) {
        QString error;
        if (!parseSkills(
                static_cast<QLineEdit *>(m_editors.value(QStringLiteral("skills")))->text(),
                &error)) {
            showError(
                Reply{false, QStringLiteral("invalid"), error, {}, QStringLiteral("skills"), {}});
            return;
        }
    }
    m_model->put(o, [this, o](const Reply &r) {
        if (!r.ok) {
            showError(r);
            return;
        }
        emit saved(r.result.value(QLatin1String("item")).toObject());
        accept();
    });
}

} // namespace acd::sup
