// The JSON configuration file: parse with validation that names item and field, and export.
#include "db/json_config.h"

#include "db/secret_hash.h"
#include "db/time_zones.h"

#include "core/calendar.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <limits>
#include <set>
#include <sstream>

namespace acd::db {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr int kFormatVersion = 1;

std::string quoted(const Poco::Dynamic::Var &v)
{
    try {
        if (v.isString())
            return "'" + v.convert<std::string>() + "'";
        return v.convert<std::string>();
    } catch (const Poco::Exception &) {
        return "(unprintable)";
    }
}

/// Reads the fields of one JSON object, reporting each problem as
/// "<item>: field <name>: <what>".
class Fields {
public:
    /// `prefix` names a nested object's place, e.g. "relaxation[1]." inside a queue.
    Fields(Object::Ptr object, std::string item, std::vector<std::string> &errors,
           std::string prefix = {})
        : m_object(std::move(object))
        , m_item(std::move(item))
        , m_prefix(std::move(prefix))
        , m_errors(errors)
    {}

    const std::string &item() const { return m_item; }

    void error(const std::string &field, const std::string &what)
    {
        m_errors.push_back(m_item + ": field " + m_prefix + field + ": " + what);
    }

    bool has(const std::string &key)
    {
        m_seen.insert(key);
        return m_object->has(key) && !m_object->get(key).isEmpty();
    }

    std::optional<std::int64_t> integer(const std::string &key, bool required, std::int64_t min,
                                        std::int64_t max)
    {
        if (!has(key)) {
            if (required)
                error(key, "missing");
            return std::nullopt;
        }
        const Poco::Dynamic::Var v = m_object->get(key);
        if (!v.isInteger()) {
            error(key, "expected an integer, got " + quoted(v));
            return std::nullopt;
        }
        std::int64_t n = 0;
        try {
            n = v.convert<std::int64_t>();
        } catch (const Poco::Exception &) {
            error(key, "integer out of range: " + quoted(v));
            return std::nullopt;
        }
        if (n < min || n > max) {
            error(key, std::to_string(n) + " is out of range " + std::to_string(min) + ".."
                           + std::to_string(max));
            return std::nullopt;
        }
        return n;
    }

    template<typename T>
    void integerInto(const std::string &key, T &out, std::int64_t min, std::int64_t max,
                     bool required = false)
    {
        if (auto v = integer(key, required, min, max))
            out = static_cast<T>(*v);
    }

    std::optional<std::string> text(const std::string &key, bool required)
    {
        if (!has(key)) {
            if (required)
                error(key, "missing");
            return std::nullopt;
        }
        const Poco::Dynamic::Var v = m_object->get(key);
        if (!v.isString()) {
            error(key, "expected a string, got " + quoted(v));
            return std::nullopt;
        }
        return v.convert<std::string>();
    }

    void boolean(const std::string &key, bool &out)
    {
        if (!has(key))
            return;
        const Poco::Dynamic::Var v = m_object->get(key);
        if (!v.isBoolean()) {
            error(key, "expected true or false, got " + quoted(v));
            return;
        }
        out = v.convert<bool>();
    }

    Array::Ptr array(const std::string &key)
    {
        if (!has(key))
            return nullptr;
        if (!m_object->isArray(key)) {
            error(key, "expected an array");
            return nullptr;
        }
        return m_object->getArray(key);
    }

    /// Reports every field that no reader asked for (catches typos).
    void rejectUnknown()
    {
        for (const auto &[key, value] : *m_object)
            if (!m_seen.count(key))
                m_errors.push_back(m_item + ": unknown field '" + m_prefix + key + "'");
    }

private:
    Object::Ptr m_object;
    std::string m_item;
    std::string m_prefix;
    std::vector<std::string> &m_errors;
    std::set<std::string> m_seen;
};

/// "queues[3] 'sales'" (or "queues[3]" when the item has no usable name).
std::string itemName(const std::string &list, std::size_t index, const Object::Ptr &object,
                     const char *nameKey)
{
    std::string out = list + "[" + std::to_string(index) + "]";
    if (object->has(nameKey) && object->get(nameKey).isString())
        out += " '" + object->get(nameKey).convert<std::string>() + "'";
    return out;
}

/// Calls `read` with a Fields for every object of the top-level array `list`.
void eachItem(Fields &top, const std::string &list, const char *nameKey,
              std::vector<std::string> &errors, const std::function<void(Fields &)> &read)
{
    Array::Ptr items = top.array(list);
    if (!items)
        return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        if (!items->isObject(i)) {
            errors.push_back(list + "[" + std::to_string(i) + "]: expected an object");
            continue;
        }
        Object::Ptr object = items->getObject(static_cast<unsigned>(i));
        Fields f(object, itemName(list, i, object, nameKey), errors);
        read(f);
        f.rejectUnknown();
    }
}

constexpr std::int64_t kMaxId = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kMaxSeconds = 7LL * 24 * 3600;

class ConfigReader {
public:
    ConfigReader(int iterations, std::vector<std::string> &errors)
        : m_iterations(iterations)
        , m_errors(errors)
    {}

    void read(Object::Ptr root, ConfigSet &config)
    {
        Fields top(root, "config", m_errors);
        if (auto version = top.integer("version", false, 0, 1000);
            version && *version != kFormatVersion)
            top.error("version", "unsupported version " + std::to_string(*version)
                                     + " (this program reads " + std::to_string(kFormatVersion)
                                     + ")");
        eachItem(top, "skills", "name", m_errors, [&](Fields &f) { readSkill(f, config); });
        eachItem(top, "groups", "name", m_errors, [&](Fields &f) { readGroup(f, config); });
        eachItem(top, "reasonCodes", "name", m_errors,
                 [&](Fields &f) { readReasonCode(f, config); });
        eachItem(top, "queues", "name", m_errors, [&](Fields &f) { readQueue(f, config); });
        eachItem(top, "agents", "name", m_errors, [&](Fields &f) { readAgent(f, config); });
        eachItem(top, "stations", "id", m_errors, [&](Fields &f) { readStation(f, config); });
        eachItem(top, "routePoints", "address", m_errors,
                 [&](Fields &f) { readRoutePoint(f, config); });
        eachItem(top, "users", "name", m_errors, [&](Fields &f) { readUser(f, config); });
        top.rejectUnknown();
        checkReferences(config);
    }

private:
    template<typename Id>
    void unique(Fields &f, std::set<Id> &seen, const Id &id, const std::string &field)
    {
        if constexpr (std::is_integral_v<Id>) {
            if (id != 0 && !seen.insert(id).second)
                f.error(field, "duplicate " + field + " " + std::to_string(id));
        } else {
            if (!id.empty() && !seen.insert(id).second)
                f.error(field, "duplicate " + field + " '" + id + "'");
        }
    }

    void readSkill(Fields &f, ConfigSet &config)
    {
        core::SkillConfig k;
        f.integerInto("id", k.id, 1, kMaxId, true);
        k.name = f.text("name", true).value_or("");
        unique(f, m_skillIds, k.id, "id");
        unique(f, m_skillNames, k.name, "name");
        config.skills.push_back(k);
    }

    void readGroup(Fields &f, ConfigSet &config)
    {
        core::GroupConfig g;
        f.integerInto("id", g.id, 1, kMaxId, true);
        g.name = f.text("name", true).value_or("");
        if (auto text = f.text("guid", true)) {
            if (auto guid = guidFromString(*text))
                g.guid = *guid;
            else
                f.error("guid",
                        "not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx): '" + *text + "'");
            unique(f, m_groupGuids, guidToString(g.guid), "guid");
        }
        unique(f, m_groupIds, g.id, "id");
        unique(f, m_groupNames, g.name, "name");
        config.groups.push_back(g);
    }

    void readReasonCode(Fields &f, ConfigSet &config)
    {
        std::int64_t code = 0;
        f.integerInto("code", code, 1, core::kMaxReasonCode, true);
        const std::string name = f.text("name", true).value_or("");
        unique(f, m_reasonCodes, code, "code");
        config.reasonCodes[static_cast<core::ReasonCode>(code)] = name;
    }

    /// timeZone, openHours [{days, from, to}], holidays ["YYYY-MM-DD"], closedQueue.
    void readBusinessHours(Fields &f, core::QueueConfig &q)
    {
        if (auto zone = f.text("timeZone", false)) {
            if (!zone->empty() && !knownTimeZone(*zone))
                f.error("timeZone", "unknown time zone '" + *zone
                                        + "' (an IANA name such as 'Europe/Paris')");
            else
                q.timeZone = *zone;
        }
        f.integerInto("closedQueue", q.closedQueue, 0, kMaxId);
        if (Array::Ptr spans = f.array("openHours")) {
            for (std::size_t i = 0; i < spans->size(); ++i) {
                const std::string field = "openHours[" + std::to_string(i) + "]";
                if (!spans->isObject(i)) {
                    f.error(field, "expected an object");
                    continue;
                }
                Fields span(spans->getObject(static_cast<unsigned>(i)), f.item(), m_errors,
                            field + ".");
                const std::optional<int> from = clockMinutes(span, "from", false);
                const std::optional<int> to = clockMinutes(span, "to", true);
                std::vector<int> days;
                if (Array::Ptr list = span.array("days")) {
                    for (std::size_t d = 0; d < list->size(); ++d) {
                        const Poco::Dynamic::Var v = list->get(static_cast<unsigned>(d));
                        std::optional<int> day = v.isString()
                                                     ? weekdayFromName(v.convert<std::string>())
                                                     : std::nullopt;
                        if (!day)
                            span.error("days[" + std::to_string(d) + "]",
                                       "expected mon, tue, wed, thu, fri, sat or sun, got "
                                           + quoted(v));
                        else
                            days.push_back(*day);
                    }
                } else if (!span.has("days")) {
                    span.error("days", "missing");
                }
                if (from && to && *from >= *to)
                    span.error("to", "must be later than from");
                else if (from && to)
                    for (int day : days)
                        q.openHours.push_back(core::OpenHours{day, *from, *to});
                span.rejectUnknown();
            }
        }
        if (Array::Ptr dates = f.array("holidays")) {
            for (std::size_t i = 0; i < dates->size(); ++i) {
                const Poco::Dynamic::Var v = dates->get(static_cast<unsigned>(i));
                std::optional<std::int32_t> day =
                    v.isString() ? core::dayNumber(v.convert<std::string>()) : std::nullopt;
                if (!day)
                    f.error("holidays[" + std::to_string(i) + "]",
                            "expected a date YYYY-MM-DD, got " + quoted(v));
                else
                    q.holidays.push_back(*day);
            }
        }
    }

    /// "HH:MM" as minutes after midnight; "24:00" only as an end.
    static std::optional<int> clockMinutes(Fields &f, const std::string &key, bool isEnd)
    {
        std::optional<std::string> text = f.text(key, true);
        if (!text)
            return std::nullopt;
        const std::string &t = *text;
        const bool shape = t.size() == 5 && t[2] == ':' && std::isdigit(uchar(t[0]))
                           && std::isdigit(uchar(t[1])) && std::isdigit(uchar(t[3]))
                           && std::isdigit(uchar(t[4]));
        const int hours = shape ? (t[0] - '0') * 10 + (t[1] - '0') : -1;
        const int minutes = shape ? (t[3] - '0') * 10 + (t[4] - '0') : -1;
        const int total = hours * 60 + minutes;
        if (!shape || minutes > 59 || total > (isEnd ? 1440 : 1439)) {
            f.error(key, "expected a time HH:MM" + std::string(isEnd ? " (up to 24:00)" : "")
                             + ", got '" + t + "'");
            return std::nullopt;
        }
        return total;
    }

    static unsigned char uchar(char c) { return static_cast<unsigned char>(c); }

    static std::optional<int> weekdayFromName(const std::string &name)
    {
        static const char *const kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        for (int i = 0; i < 7; ++i)
            if (name == kNames[i])
                return i;
        return std::nullopt;
    }

    void readQueue(Fields &f, ConfigSet &config)
    {
        core::QueueConfig q;
        f.integerInto("id", q.id, 1, kMaxId, true);
        q.name = f.text("name", true).value_or("");
        f.integerInto("group", q.group, 1, kMaxId, true);
        f.integerInto("skill", q.skill.skill, 1, kMaxId, true);
        f.integerInto("minLevel", q.skill.minLevel, core::kMinSkillLevel, core::kMaxSkillLevel);
        if (auto s = f.text("strategy", false)) {
            if (auto strategy = core::strategyFromString(*s))
                q.strategy = *strategy;
            else
                f.error("strategy", "unknown value '" + *s + "'");
        }
        f.integerInto("serviceLevelSeconds", q.serviceLevelSeconds, 1, kMaxSeconds);
        f.integerInto("shortAbandonSeconds", q.shortAbandonSeconds, 0, kMaxSeconds);
        f.integerInto("maxLength", q.maxLength, 0, 1000000);
        f.integerInto("maxWaitSeconds", q.maxWaitSeconds, 0, kMaxSeconds);
        f.integerInto("overflowQueue", q.overflowQueue, 0, kMaxId);
        f.boolean("overflowWhenNoAgents", q.overflowWhenNoAgents);
        f.integerInto("wrapUpSeconds", q.wrapUpSeconds, 0, kMaxSeconds);
        f.integerInto("ringTimeoutSeconds", q.ringTimeoutSeconds, 1, kMaxSeconds);
        f.integerInto("measurementPeriodSeconds", q.measurementPeriodSeconds, 1, kMaxSeconds);
        if (Array::Ptr steps = f.array("relaxation")) {
            for (std::size_t i = 0; i < steps->size(); ++i) {
                const std::string field = "relaxation[" + std::to_string(i) + "]";
                if (!steps->isObject(i)) {
                    f.error(field, "expected an object");
                    continue;
                }
                Fields step(steps->getObject(static_cast<unsigned>(i)), f.item(), m_errors,
                            field + ".");
                core::RelaxationStep r;
                step.integerInto("afterSeconds", r.afterSeconds, 0, kMaxSeconds, true);
                if (auto a = step.text("action", true)) {
                    if (auto action = core::relaxActionFromString(*a))
                        r.action = *action;
                    else
                        step.error("action", "unknown value '" + *a + "'");
                }
                if (auto v = step.integer("value", false, 0, kMaxId))
                    r.value = static_cast<std::uint32_t>(*v);
                if (!q.relaxation.empty() && r.afterSeconds < q.relaxation.back().afterSeconds)
                    f.error(field + ".afterSeconds",
                            std::to_string(r.afterSeconds)
                                + " is earlier than the step before it (steps are in order)");
                q.relaxation.push_back(r);
                step.rejectUnknown();
            }
        }
        readBusinessHours(f, q);
        unique(f, m_queueIds, q.id, "id");
        unique(f, m_queueNames, q.name, "name");
        m_queueItems.push_back(f.item());
        config.queues.push_back(std::move(q));
    }

    void readAgent(Fields &f, ConfigSet &config)
    {
        core::AgentConfig a;
        f.integerInto("id", a.id, 1, kMaxId, true);
        a.name = f.text("name", true).value_or("");
        const auto pin = f.text("pin", false);
        const auto pinHash = f.text("pinHash", false);
        if (pin && pinHash) {
            f.error("pin", "give pin or pinHash, not both");
        } else if (pin) {
            if (pin->empty() || pin->find_first_not_of("0123456789") != std::string::npos)
                f.error("pin", "must be digits");
            else
                a.pinHash = hashSecret(*pin, m_iterations);
        } else if (pinHash) {
            if (isSecretHash(*pinHash))
                a.pinHash = *pinHash;
            else
                f.error("pinHash", "not a pbkdf2-sha256 hash");
        } else {
            f.error("pin", "missing (give pin or pinHash)");
        }
        f.integerInto("measurementPeriodSeconds", a.measurementPeriodSeconds, 1, kMaxSeconds);
        if (Array::Ptr skills = f.array("skills")) {
            std::set<core::SkillId> seen;
            for (std::size_t i = 0; i < skills->size(); ++i) {
                const std::string field = "skills[" + std::to_string(i) + "]";
                if (!skills->isObject(i)) {
                    f.error(field, "expected an object");
                    continue;
                }
                Fields skill(skills->getObject(static_cast<unsigned>(i)), f.item(), m_errors,
                             field + ".");
                core::AgentSkill s;
                skill.integerInto("skill", s.skill, 1, kMaxId, true);
                skill.integerInto("level", s.level, core::kMinSkillLevel, core::kMaxSkillLevel);
                if (s.skill != 0 && !seen.insert(s.skill).second)
                    f.error(field + ".skill", "duplicate skill " + std::to_string(s.skill));
                a.skills.push_back(s);
                skill.rejectUnknown();
            }
            if (a.skills.size() > static_cast<std::size_t>(core::kMaxSkillsPerAgent))
                f.error("skills", std::to_string(a.skills.size()) + " skills, at most "
                                      + std::to_string(core::kMaxSkillsPerAgent));
        }
        unique(f, m_agentIds, a.id, "id");
        m_agentItems.push_back(f.item());
        config.agents.push_back(std::move(a));
    }

    void readStation(Fields &f, ConfigSet &config)
    {
        StationConfig s;
        s.id = f.text("id", true).value_or("");
        s.name = f.text("name", false).value_or("");
        if (f.has("id") && s.id.empty())
            f.error("id", "empty");
        unique(f, m_stationIds, s.id, "id");
        config.stations.push_back(s);
    }

    void readRoutePoint(Fields &f, ConfigSet &config)
    {
        RoutePointConfig r;
        r.address = f.text("address", true).value_or("");
        r.name = f.text("name", false).value_or("");
        if (f.has("address") && r.address.empty())
            f.error("address", "empty");
        f.integerInto("queue", r.queue, 1, kMaxId, true);
        f.integerInto("priority", r.priority, core::kMinPriority, core::kMaxPriority);
        unique(f, m_routePointAddresses, r.address, "address");
        m_routePointItems.push_back(f.item());
        config.routePoints.push_back(r);
    }

    void readUser(Fields &f, ConfigSet &config)
    {
        UserConfig u;
        u.name = f.text("name", true).value_or("");
        if (auto r = f.text("role", true)) {
            if (auto role = roleFromString(*r))
                u.role = *role;
            else
                f.error("role", "unknown value '" + *r + "' (agent, supervisor or admin)");
        }
        const auto password = f.text("password", false);
        const auto passwordHash = f.text("passwordHash", false);
        if (password && passwordHash)
            f.error("password", "give password or passwordHash, not both");
        else if (password)
            u.passwordHash = hashSecret(*password, m_iterations);
        else if (passwordHash && isSecretHash(*passwordHash))
            u.passwordHash = *passwordHash;
        else if (passwordHash)
            f.error("passwordHash", "not a pbkdf2-sha256 hash");
        else
            f.error("password", "missing (give password or passwordHash)");
        f.integerInto("agent", u.agent, 0, kMaxId);
        unique(f, m_userNames, u.name, "name");
        m_userItems.push_back(f.item());
        config.users.push_back(std::move(u));
    }

    void checkReferences(const ConfigSet &config)
    {
        auto err = [&](const std::string &item, const std::string &field, const std::string &what) {
            m_errors.push_back(item + ": field " + field + ": " + what);
        };
        for (std::size_t i = 0; i < config.queues.size(); ++i) {
            const auto &q = config.queues[i];
            const std::string &item = m_queueItems[i];
            if (q.group && !m_groupIds.count(q.group))
                err(item, "group", "unknown group " + std::to_string(q.group));
            if (q.skill.skill && !m_skillIds.count(q.skill.skill))
                err(item, "skill", "unknown skill " + std::to_string(q.skill.skill));
            if (q.overflowQueue && !m_queueIds.count(q.overflowQueue))
                err(item, "overflowQueue", "unknown queue " + std::to_string(q.overflowQueue));
            if (q.overflowQueue && q.overflowQueue == q.id)
                err(item, "overflowQueue", "a queue cannot overflow to itself");
            if (q.closedQueue && !m_queueIds.count(q.closedQueue))
                err(item, "closedQueue", "unknown queue " + std::to_string(q.closedQueue));
            if (q.closedQueue && q.closedQueue == q.id)
                err(item, "closedQueue", "a closed queue cannot send its calls to itself");
            for (std::size_t s = 0; s < q.relaxation.size(); ++s) {
                const auto &step = q.relaxation[s];
                const std::string field = "relaxation[" + std::to_string(s) + "].value";
                if (step.action == core::RelaxAction::AddQueue && !m_queueIds.count(step.value))
                    err(item, field, "unknown queue " + std::to_string(step.value));
                if (step.action == core::RelaxAction::LowerMinLevel
                    && (step.value < core::kMinSkillLevel || step.value > core::kMaxSkillLevel))
                    err(item, field,
                        "skill level " + std::to_string(step.value) + " is out of range 1..16");
            }
        }
        for (std::size_t i = 0; i < config.agents.size(); ++i) {
            const auto &a = config.agents[i];
            for (std::size_t s = 0; s < a.skills.size(); ++s)
                if (a.skills[s].skill && !m_skillIds.count(a.skills[s].skill))
                    err(m_agentItems[i], "skills[" + std::to_string(s) + "].skill",
                        "unknown skill " + std::to_string(a.skills[s].skill));
        }
        for (std::size_t i = 0; i < config.routePoints.size(); ++i) {
            const auto &r = config.routePoints[i];
            if (r.queue && !m_queueIds.count(r.queue))
                err(m_routePointItems[i], "queue", "unknown queue " + std::to_string(r.queue));
        }
        for (std::size_t i = 0; i < config.users.size(); ++i) {
            const auto &u = config.users[i];
            if (u.agent && !m_agentIds.count(u.agent))
                err(m_userItems[i], "agent", "unknown agent " + std::to_string(u.agent));
        }
    }

    int m_iterations;
    std::vector<std::string> &m_errors;
    std::set<core::SkillId> m_skillIds;
    std::set<std::string> m_skillNames;
    std::set<core::GroupId> m_groupIds;
    std::set<std::string> m_groupNames, m_groupGuids;
    std::set<std::int64_t> m_reasonCodes;
    std::set<core::QueueId> m_queueIds;
    std::set<std::string> m_queueNames;
    std::set<core::AgentId> m_agentIds;
    std::set<std::string> m_stationIds, m_userNames, m_routePointAddresses;
    std::vector<std::string> m_routePointItems;
    std::vector<std::string> m_queueItems, m_agentItems, m_userItems;
};

Object::Ptr newObject()
{
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string clockText(int minutes)
{
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
    return text;
}

/// The file's shape of business hours: days with the same from/to share one entry, in the
/// order the spans first appear.
void writeBusinessHours(Object &o, const core::QueueConfig &q)
{
    static const char *const kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    o.set("timeZone", q.timeZone);
    Array::Ptr spans = new Array;
    std::vector<std::pair<int, int>> seen;
    for (const core::OpenHours &h : q.openHours) {
        const std::pair<int, int> key{h.openMinute, h.closeMinute};
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            continue;
        seen.push_back(key);
        Array::Ptr days = new Array;
        for (const core::OpenHours &other : q.openHours)
            if (other.openMinute == h.openMinute && other.closeMinute == h.closeMinute)
                days->add(std::string(kNames[other.weekday]));
        Object::Ptr span = newObject();
        span->set("days", days);
        span->set("from", clockText(h.openMinute));
        span->set("to", clockText(h.closeMinute));
        spans->add(span);
    }
    o.set("openHours", spans);
    Array::Ptr holidays = new Array;
    for (std::int32_t day : q.holidays)
        holidays->add(core::dateText(day));
    o.set("holidays", holidays);
    o.set("closedQueue", q.closedQueue);
}

} // namespace

ConfigParse parseConfigJson(const std::string &text, int iterations)
{
    ConfigParse out;
    Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(text);
        if (parsed.type() != typeid(Object::Ptr)) {
            out.errors.push_back("config: the file must hold one JSON object");
            return out;
        }
        root = parsed.extract<Object::Ptr>();
    } catch (const Poco::Exception &e) {
        out.errors.push_back("config: not valid JSON: " + e.displayText());
        return out;
    }
    try {
        ConfigReader(iterations, out.errors).read(root, out.config);
    } catch (const Poco::Exception &e) {
        out.errors.push_back("config: " + e.displayText());
    }
    return out;
}

std::string toConfigJson(const ConfigSet &config)
{
    Object::Ptr root = newObject();
    root->set("version", kFormatVersion);
    Array::Ptr skills = new Array;
    for (const auto &k : config.skills) {
        Object::Ptr o = newObject();
        o->set("id", k.id);
        o->set("name", k.name);
        skills->add(o);
    }
    root->set("skills", skills);
    Array::Ptr groups = new Array;
    for (const auto &g : config.groups) {
        Object::Ptr o = newObject();
        o->set("id", g.id);
        o->set("name", g.name);
        o->set("guid", guidToString(g.guid));
        groups->add(o);
    }
    root->set("groups", groups);
    Array::Ptr reasons = new Array;
    for (const auto &[code, name] : config.reasonCodes) {
        Object::Ptr o = newObject();
        o->set("code", code);
        o->set("name", name);
        reasons->add(o);
    }
    root->set("reasonCodes", reasons);
    Array::Ptr queues = new Array;
    for (const auto &q : config.queues) {
        Object::Ptr o = newObject();
        o->set("id", q.id);
        o->set("name", q.name);
        o->set("group", q.group);
        o->set("skill", q.skill.skill);
        o->set("minLevel", q.skill.minLevel);
        o->set("strategy", std::string(core::toString(q.strategy)));
        o->set("serviceLevelSeconds", q.serviceLevelSeconds);
        o->set("shortAbandonSeconds", q.shortAbandonSeconds);
        o->set("maxLength", q.maxLength);
        o->set("maxWaitSeconds", q.maxWaitSeconds);
        o->set("overflowQueue", q.overflowQueue);
        o->set("overflowWhenNoAgents", q.overflowWhenNoAgents);
        o->set("wrapUpSeconds", q.wrapUpSeconds);
        o->set("ringTimeoutSeconds", q.ringTimeoutSeconds);
        o->set("measurementPeriodSeconds", q.measurementPeriodSeconds);
        Array::Ptr steps = new Array;
        for (const auto &s : q.relaxation) {
            Object::Ptr step = newObject();
            step->set("afterSeconds", s.afterSeconds);
            step->set("action", std::string(core::toString(s.action)));
            step->set("value", s.value);
            steps->add(step);
        }
        o->set("relaxation", steps);
        writeBusinessHours(*o, q);
        queues->add(o);
    }
    root->set("queues", queues);
    Array::Ptr agents = new Array;
    for (const auto &a : config.agents) {
        Object::Ptr o = newObject();
        o->set("id", a.id);
        o->set("name", a.name);
        o->set("pinHash", a.pinHash);
        o->set("measurementPeriodSeconds", a.measurementPeriodSeconds);
        Array::Ptr skillList = new Array;
        for (const auto &s : a.skills) {
            Object::Ptr skill = newObject();
            skill->set("skill", s.skill);
            skill->set("level", s.level);
            skillList->add(skill);
        }
        o->set("skills", skillList);
        agents->add(o);
    }
    root->set("agents", agents);
    Array::Ptr stations = new Array;
    for (const auto &s : config.stations) {
        Object::Ptr o = newObject();
        o->set("id", s.id);
        o->set("name", s.name);
        stations->add(o);
    }
    root->set("stations", stations);
    Array::Ptr routePoints = new Array;
    for (const auto &r : config.routePoints) {
        Object::Ptr o = newObject();
        o->set("address", r.address);
        o->set("name", r.name);
        o->set("queue", r.queue);
        o->set("priority", r.priority);
        routePoints->add(o);
    }
    root->set("routePoints", routePoints);
    Array::Ptr users = new Array;
    for (const auto &u : config.users) {
        Object::Ptr o = newObject();
        o->set("name", u.name);
        o->set("role", std::string(toString(u.role)));
        o->set("passwordHash", u.passwordHash);
        o->set("agent", u.agent);
        users->add(o);
    }
    root->set("users", users);
    std::ostringstream out;
    root->stringify(out, 2);
    out << '\n';
    return out.str();
}

} // namespace acd::db
