#pragma once
// What the admin API's kinds hold (docs/protocol.md "Admin API", docs/database.md
// "Configuration file"): the fields the editor shows, their types and ranges, and the
// client-side checks run before an item is sent (the engine validates again and has the
// last word).
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace acd::sup {

/// OpenHours: a queue's business hours, [{days: [mon..sun], from: HH:MM, to: HH:MM}];
/// DateList: ["YYYY-MM-DD", ...] (a queue's holidays).
enum class FieldType { Int, Text, Bool, Enum, Secret, Skills, Relaxation, OpenHours, DateList };

struct FieldSpec {
    QString name;  ///< JSON key
    QString label; ///< translated
    FieldType type = FieldType::Text;
    bool required = false;
    qint64 min = 0, max = 0; ///< Int: inclusive range
    QStringList values;      ///< Enum
    QJsonValue defaultValue; ///< used for new items
};

struct KindSpec {
    QString kind;  ///< "queues"
    QString label; ///< translated "Queues"
    QString key;   ///< the key field ("id", "code", "name", "address")
    QList<FieldSpec> fields;
};

struct FieldError {
    QString field; ///< the top-level field (as named in the form)
    QString message;
};

/// Every kind, in the order the administration page lists them.
const QList<KindSpec> &adminKinds();
const KindSpec *adminKind(const QString &kind);

/// The first problem with `item`, or nothing. Messages name the field and its value.
std::optional<FieldError> validateItem(const KindSpec &spec, const QJsonObject &item);

/// The form field an engine `field` path belongs to ("relaxation[0].value" -> "relaxation").
QString topLevelField(const QString &path);

/// "skill:level, ..." <-> [{"skill": S, "level": L}, ...]; nullopt on a malformed text.
std::optional<QJsonArray> parseSkills(const QString &text, QString *error);
QString skillsText(const QJsonArray &skills);

/// "2026-12-25, 2027-01-01" <-> ["2026-12-25", "2027-01-01"] (text kept; checked on save).
QJsonArray parseDates(const QString &text);
QString datesText(const QJsonArray &dates);

} // namespace acd::sup
