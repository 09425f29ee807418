#include "supmodels/admin_model.h"

namespace acd::sup {

AdminModel::AdminModel(ProtocolClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

void AdminModel::setKind(const QString &kind)
{
    beginResetModel();
    m_spec = adminKind(kind);
    m_items = {};
    endResetModel();
}

void AdminModel::reload(ProtocolClient::Callback done)
{
    if (!m_spec)
        return;
    const QString kind = m_spec->kind;
    m_client->request(QStringLiteral("admin.list"), {{QStringLiteral("kind"), kind}},
                      [this, kind, done](const Reply &r) {
                          if (r.ok && m_spec && m_spec->kind == kind) {
                              beginResetModel();
                              m_items = r.result.value(QLatin1String("items")).toArray();
                              endResetModel();
                          }
                          if (done)
                              done(r);
                      });
}

void AdminModel::put(const QJsonObject &item, ProtocolClient::Callback done)
{
    if (auto error = validateItem(*m_spec, item)) {
        Reply r;
        r.code = QStringLiteral("invalid");
        r.message = error->message;
        r.field = error->field;
        r.item = QStringLiteral("%1 %2").arg(m_spec->kind,
                                             item.value(m_spec->key).toVariant().toString());
        done(r);
        return;
    }
    m_client->request(QStringLiteral("admin.put"),
                      {{QStringLiteral("kind"), m_spec->kind}, {QStringLiteral("item"), item}},
                      [this, done](const Reply &r) {
                          if (r.ok)
                              reload();
                          done(r);
                      });
}

void AdminModel::remove(const QJsonValue &key, ProtocolClient::Callback done)
{
    m_client->request(QStringLiteral("admin.delete"),
                      {{QStringLiteral("kind"), m_spec->kind}, {QStringLiteral("key"), key}},
                      [this, done](const Reply &r) {
                          if (r.ok)
                              reload();
                          done(r);
                      });
}

QList<FieldSpec> AdminModel::shownFields() const
{
    QList<FieldSpec> out;
    if (m_spec)
        for (const FieldSpec &f : m_spec->fields)
            if (f.type != FieldType::Secret)
                out.append(f);
    return out;
}

int AdminModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int AdminModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(shownFields().size());
}

QVariant AdminModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || role != Qt::DisplayRole)
        return {};
    const FieldSpec f = shownFields().at(index.column());
    const QJsonValue v = m_items.at(index.row()).toObject().value(f.name);
    switch (f.type) {
    case FieldType::Skills:
        return skillsText(v.toArray());
    case FieldType::OpenHours:
        return tr("%n period(s)", nullptr, int(v.toArray().size()));
    case FieldType::DateList:
        return datesText(v.toArray());
    case FieldType::Relaxation:
        return tr("%n rule(s)", nullptr, int(v.toArray().size()));
    case FieldType::Bool:
        return v.toBool() ? tr("yes") : tr("no");
    default:
        return v.toVariant().toString();
    }
}

QVariant AdminModel::headerData(int section, Qt::Orientation o, int role) const
{
    const QList<FieldSpec> fields = shownFields();
    if (o == Qt::Horizontal && role == Qt::DisplayRole && section < fields.size())
        return fields[section].label;
    return QAbstractTableModel::headerData(section, o, role);
}

} // namespace acd::sup
