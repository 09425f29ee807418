#include "supmodels/admin_schema.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>

namespace acd::sup {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AdminSchema", text);
}

FieldSpec intField(const char *name, const QString &label, qint64 min, qint64 max,
                   QJsonValue def = QJsonValue(), bool required = false)
{
    FieldSpec f{QString::fromLatin1(name), label, FieldType::Int, required, min, max, {}, def};
    return f;
}
FieldSpec textField(const char *name, const QString &label, bool required = false)
{
    return FieldSpec{QString::fromLatin1(name), label, FieldType::Text, required, 0, 0, {}, {}};
}
FieldSpec boolField(const char *name, const QString &label, bool def)
{
    return FieldSpec{QString::fromLatin1(name), label, FieldType::Bool, false, 0, 0, {}, def};
}
FieldSpec enumField(const char *name, const QString &label, QStringList values,
                    bool required = false)
{
    const QString def = values.value(0);
    return FieldSpec{
        QString::fromLatin1(name), label, FieldType::Enum, required, 0, 0, values, def};
}
FieldSpec other(const char *name, const QString &label, FieldType type)
{
    return FieldSpec{QString::fromLatin1(name), label, type, false, 0, 0, {}, {}};
}

constexpr qint64 kMaxId = 4294967295LL;

QList<KindSpec> makeKinds()
{
    QList<KindSpec> k;
    k.append({QStringLiteral("agents"),
              tr("Agents"),
              QStringLiteral("id"),
              {intField("id", tr("Agent ID"), 1, kMaxId, {}, true),
               textField("name", tr("Name"), true), other("pin", tr("PIN"), FieldType::Secret),
               intField("measurementPeriodSeconds", tr("Measurement period (s)"), 1, 604800, 1800),
               other("skills", tr("Skills (skill:level, ...)"), FieldType::Skills)}});
    k.append({QStringLiteral("skills"),
              tr("Skills"),
              QStringLiteral("id"),
              {intField("id", tr("Skill ID"), 1, kMaxId, {}, true),
               textField("name", tr("Name"), true)}});
    k.append({QStringLiteral("groups"),
              tr("Groups"),
              QStringLiteral("id"),
              {intField("id", tr("Group ID"), 1, kMaxId, {}, true),
               textField("name", tr("Name"), true), textField("guid", tr("GUID"), true)}});
    k.append(
        {QStringLiteral("queues"),
         tr("Queues"),
         QStringLiteral("id"),
         {intField("id", tr("Queue ID"), 1, kMaxId, {}, true),
          textField("name", tr("Name"), true),
          intField("group", tr("Group"), 1, kMaxId, {}, true),
          intField("skill", tr("Skill"), 1, kMaxId, {}, true),
          intField("minLevel", tr("Minimum level"), 1, 16, 1),
          enumField("strategy", tr("Strategy"),
                    {QStringLiteral("longest-idle"), QStringLiteral("least-occupied"),
                     QStringLiteral("most-skilled"), QStringLiteral("fewest-calls"),
                     QStringLiteral("round-robin"), QStringLiteral("random")}),
          intField("serviceLevelSeconds", tr("Service level threshold (s)"), 1, 86400, 20),
          intField("shortAbandonSeconds", tr("Short abandon (s)"), 0, 86400, 5),
          intField("maxLength", tr("Max waiting calls (0 unlimited)"), 0, 1000000, 0),
          intField("maxWaitSeconds", tr("Max wait before overflow (s, 0 never)"), 0, 604800, 0),
          intField("overflowQueue", tr("Overflow queue (0 disconnect)"), 0, kMaxId, 0),
          boolField("overflowWhenNoAgents", tr("Overflow when no agents"), true),
          intField("wrapUpSeconds", tr("Wrap-up (s)"), 0, 86400, 0),
          intField("ringTimeoutSeconds", tr("Ring timeout (s, 0 off)"), 0, 3600, 20),
          intField("measurementPeriodSeconds", tr("Measurement period (s)"), 1, 604800, 1800),
          other("relaxation", tr("Routing rules"), FieldType::Relaxation),
          textField("timeZone", tr("Time zone (IANA, empty: UTC)")),
          other("openHours", tr("Business hours (none: always open)"), FieldType::OpenHours),
          other("holidays", tr("Holidays (YYYY-MM-DD, ...)"), FieldType::DateList),
          intField("closedQueue", tr("Queue while closed (0 disconnect)"), 0, kMaxId, 0)}});
    k.append(
        {QStringLiteral("reasonCodes"),
         tr("Reason codes"),
         QStringLiteral("code"),
         {intField("code", tr("Code"), 1, 99, {}, true), textField("name", tr("Name"), true)}});
    k.append({QStringLiteral("stations"),
              tr("Stations"),
              QStringLiteral("id"),
              {textField("id", tr("Station address"), true), textField("name", tr("Name"))}});
    k.append({QStringLiteral("routePoints"),
              tr("Route points"),
              QStringLiteral("address"),
              {textField("address", tr("Address"), true), textField("name", tr("Name")),
               intField("queue", tr("Queue"), 1, kMaxId, {}, true),
               intField("priority", tr("Priority"), 1, 10, 1)}});
    k.append({QStringLiteral("users"),
              tr("Users"),
              QStringLiteral("name"),
              {textField("name", tr("Login name"), true),
               enumField(
                   "role", tr("Role"),
                   {QStringLiteral("agent"), QStringLiteral("supervisor"), QStringLiteral("admin")},
                   true),
               other("password", tr("Password"), FieldType::Secret),
               intField("agent", tr("Agent (0 none)"), 0, kMaxId, 0)}});
    return k;
}

} // namespace

const QList<KindSpec> &adminKinds()
{
    static const QList<KindSpec> kinds = makeKinds();
    return kinds;
}

const KindSpec *adminKind(const QString &kind)
{
    for (const KindSpec &k : adminKinds())
        if (k.kind == kind)
            return &k;
    return nullptr;
}

QString topLevelField(const QString &path)
{
    const qsizetype cut = path.indexOf(QRegularExpression(QStringLiteral("[.\\[]")));
    return cut < 0 ? path : path.left(cut);
}

std::optional<QJsonArray> parseSkills(const QString &text, QString *error)
{
    QJsonArray out;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        const QStringList sl = part.split(QLatin1Char(':'));
        bool okSkill = false, okLevel = true;
        const qint64 skill = sl.value(0).trimmed().toLongLong(&okSkill);
        const int level = sl.size() > 1 ? sl[1].trimmed().toInt(&okLevel) : 1;
        if (sl.size() > 2 || !okSkill || !okLevel || skill < 1 || level < 1 || level > 16) {
            if (error)
                *error = tr("'%1' is not skill:level (skill an ID, level 1..16)").arg(part);
            return std::nullopt;
        }
        out.append(QJsonObject{{QStringLiteral("skill"), skill}, {QStringLiteral("level"), level}});
    }
    if (out.size() > 60) {
        if (error)
            *error = tr("%1 skills: at most 60").arg(out.size());
        return std::nullopt;
    }
    return out;
}

QString skillsText(const QJsonArray &skills)
{
    QStringList parts;
    for (const QJsonValue &v : skills) {
        const QJsonObject o = v.toObject();
        parts.append(QStringLiteral("%1:%2")
                         .arg(o.value(QLatin1String("skill")).toInteger())
                         .arg(o.value(QLatin1String("level")).toInt(1)));
    }
    return parts.join(QStringLiteral(", "));
}

QJsonArray parseDates(const QString &text)
{
    QJsonArray out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    return out;
}

QString datesText(const QJsonArray &dates)
{
    QStringList parts;
    for (const QJsonValue &v : dates)
        parts.append(v.toString());
    return parts.join(QStringLiteral(", "));
}

namespace {

/// "HH:MM" as minutes, 24:00 allowed as an end; -1 when malformed.
int clockMinutes(const QString &t, bool isEnd)
{
    static const QRegularExpression shape(QStringLiteral("^([0-9]{2}):([0-9]{2})$"));
    const auto m = shape.match(t);
    if (!m.hasMatch())
        return -1;
    const int h = m.captured(1).toInt(), min = m.captured(2).toInt();
    if (min > 59 || h > 24 || (h == 24 && (min != 0 || !isEnd)))
        return -1;
    return h * 60 + min;
}

std::optional<FieldError> checkOpenHours(const FieldSpec &f, const QJsonArray &spans)
{
    static const QStringList days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const QJsonObject s = spans[i].toObject();
        const QJsonArray d = s.value(QLatin1String("days")).toArray();
        if (d.isEmpty())
            return FieldError{f.name, tr("hours %1: give the days (mon, tue, ... sun)").arg(i + 1)};
        for (const QJsonValue &day : d)
            if (!days.contains(day.toString()))
                return FieldError{f.name, tr("hours %1: '%2' is not mon, tue, wed, thu, fri, sat "
                                             "or sun")
                                              .arg(i + 1)
                                              .arg(day.toString())};
        const QString fromText = s.value(QLatin1String("from")).toString();
        const QString toText = s.value(QLatin1String("to")).toString();
        const int from = clockMinutes(fromText, false), to = clockMinutes(toText, true);
        if (from < 0)
            return FieldError{f.name,
                              tr("hours %1: from '%2' is not HH:MM").arg(i + 1).arg(fromText)};
        if (to < 0)
            return FieldError{
                f.name, tr("hours %1: to '%2' is not HH:MM (up to 24:00)").arg(i + 1).arg(toText)};
        if (to <= from)
            return FieldError{
                f.name,
                tr("hours %1: to %2 must be later than from %3").arg(i + 1).arg(toText, fromText)};
    }
    return std::nullopt;
}

} // namespace

std::optional<FieldError> validateItem(const KindSpec &spec, const QJsonObject &item)
{
    for (const FieldSpec &f : spec.fields) {
        const QJsonValue v = item.value(f.name);
        const bool missing =
            v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty());
        if (missing) {
            if (f.required)
                return FieldError{f.name, tr("%1 is required").arg(f.label)};
            continue;
        }
        switch (f.type) {
        case FieldType::Int: {
            const qint64 n = v.toInteger(-1);
            if (!v.isDouble() || n < f.min || n > f.max)
                return FieldError{f.name, tr("%1: %2 is out of range %3..%4")
                                              .arg(f.label, v.toVariant().toString())
                                              .arg(f.min)
                                              .arg(f.max)};
            break;
        }
        case FieldType::Secret:
            if (f.name == QLatin1String("pin")
                && !QRegularExpression(QStringLiteral("^[0-9]+$")).match(v.toString()).hasMatch())
                return FieldError{f.name, tr("%1: digits only").arg(f.label)};
            break;
        case FieldType::Text:
            if (f.name == QLatin1String("guid")
                && !QRegularExpression(
                        QStringLiteral("^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                                       "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?$"))
                        .match(v.toString())
                        .hasMatch())
                return FieldError{f.name, tr("%1: '%2' is not xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
                                              .arg(f.label, v.toString())};
            break;
        case FieldType::Relaxation: {
            qint64 previous = -1;
            const QJsonArray steps = v.toArray();
            for (qsizetype i = 0; i < steps.size(); ++i) {
                const QJsonObject s = steps[i].toObject();
                const qint64 after = s.value(QLatin1String("afterSeconds")).toInteger(-1);
                if (after < 0)
                    return FieldError{f.name,
                                      tr("rule %1: after seconds must be 0 or more").arg(i + 1)};
                if (after < previous)
                    return FieldError{f.name, tr("rule %1: after %2 s comes before rule %3's %4 s; "
                                                 "rules must be in ascending order")
                                                  .arg(i + 1)
                                                  .arg(after)
                                                  .arg(i)
                                                  .arg(previous)};
                previous = after;
                const QString action = s.value(QLatin1String("action")).toString();
                const qint64 value = s.value(QLatin1String("value")).toInteger();
                if (action == QLatin1String("lower-min-level") && (value < 1 || value > 16))
                    return FieldError{
                        f.name,
                        tr("rule %1: level %2 is out of range 1..16").arg(i + 1).arg(value)};
                if ((action == QLatin1String("add-queue")
                     || action == QLatin1String("raise-priority"))
                    && value < 1)
                    return FieldError{
                        f.name, tr("rule %1: value %2 must be 1 or more").arg(i + 1).arg(value)};
            }
            break;
        }
        case FieldType::OpenHours:
            if (auto e = checkOpenHours(f, v.toArray()))
                return e;
            break;
        case FieldType::DateList:
            for (const QJsonValue &d : v.toArray())
                if (!QDate::fromString(d.toString(), QStringLiteral("yyyy-MM-dd")).isValid())
                    return FieldError{
                        f.name, tr("%1: '%2' is not a date YYYY-MM-DD").arg(f.label, d.toString())};
            break;
        default:
            break;
        }
    }
    if (spec.kind == QLatin1String("queues")
        && item.value(QLatin1String("overflowQueue")).toInteger() != 0
        && item.value(QLatin1String("overflowQueue")) == item.value(QLatin1String("id")))
        return FieldError{QStringLiteral("overflowQueue"),
                          tr("Overflow queue: a queue cannot overflow into itself")};
    if (spec.kind == QLatin1String("queues")
        && item.value(QLatin1String("closedQueue")).toInteger() != 0
        && item.value(QLatin1String("closedQueue")) == item.value(QLatin1String("id")))
        return FieldError{QStringLiteral("closedQueue"),
                          tr("Queue while closed: a queue cannot send its calls to itself")};
    return std::nullopt;
}

} // namespace acd::sup
