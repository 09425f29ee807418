#pragma once
// AdminModel: the items of one admin kind (admin.list), one row each, the columns being the
// kind's fields (secrets never come back from the engine, so they are not shown). Saving and
// deleting go through the engine; the list reloads after each change.
#include "supclient/protocol_client.h"
#include "supmodels/admin_schema.h"

#include <QAbstractTableModel>
#include <QJsonArray>

namespace acd::sup {

class AdminModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit AdminModel(ProtocolClient *client, QObject *parent = nullptr);

    void setKind(const QString &kind);
    const KindSpec *spec() const { return m_spec; }
    void reload(ProtocolClient::Callback done = {});
    QJsonObject item(int row) const { return m_items.at(row).toObject(); }

    /// Validates client-side, then admin.put; `done` gets the engine's reply (or a synthetic
    /// `invalid` naming the field when the client refused it).
    void put(const QJsonObject &item, ProtocolClient::Callback done);
    void remove(const QJsonValue &key, ProtocolClient::Callback done);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    QList<FieldSpec> shownFields() const;

    ProtocolClient *m_client;
    const KindSpec *m_spec = nullptr;
    QJsonArray m_items;
};

} // namespace acd::sup
