// Reading and replacing the stored configuration.
#include "sqlite_store_impl.h"

#include "core/calendar.h"

namespace acd::db {
namespace {

template<typename Read>
Status forEachRow(sql::Connection &db, const char *text, Read read)
{
    auto st = db.prepare(text);
    if (!st)
        return st.status();
    sql::Statement &s = *st.value();
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        read(s);
    s.reset();
    if (rc != SQLITE_DONE)
        return db.error(std::string("running \"") + text + "\"");
    return {};
}

} // namespace

Status SqliteStore::loadBusinessHours(core::QueueConfig &q)
{
    auto hours = m_db.prepare("SELECT weekday, open_minute, close_minute FROM queue_open_hours "
                              "WHERE queue_id = ? ORDER BY position");
    if (!hours)
        return hours.status();
    sql::Statement &h = *hours.value();
    h.bindAll(q.id);
    while (h.step() == SQLITE_ROW)
        q.openHours.push_back(core::OpenHours{static_cast<int>(h.int64At(0)),
                                              static_cast<int>(h.int64At(1)),
                                              static_cast<int>(h.int64At(2))});
    h.reset();
    auto days = m_db.prepare("SELECT day FROM queue_holidays WHERE queue_id = ? ORDER BY day");
    if (!days)
        return days.status();
    sql::Statement &d = *days.value();
    d.bindAll(q.id);
    while (d.step() == SQLITE_ROW) {
        std::optional<std::int32_t> day = core::dayNumber(d.textAt(0));
        if (!day) {
            Status bad(DbError::Invalid, "database '" + m_path + "': queue " + std::to_string(q.id)
                                             + ": holiday '" + d.textAt(0) + "' is no date");
            d.reset();
            return bad;
        }
        q.holidays.push_back(*day);
    }
    d.reset();
    return {};
}

Result<ConfigSet> SqliteStore::loadConfig()
{
    ConfigSet config;
    Status s =
        forEachRow(m_db, "SELECT id, name FROM skills ORDER BY id", [&](const sql::Statement &r) {
            config.skills.push_back(
                core::SkillConfig{static_cast<core::SkillId>(r.int64At(0)), r.textAt(1)});
        });
    if (!s)
        return s;
    bool badGuid = false;
    s = forEachRow(m_db, "SELECT id, guid, name FROM groups ORDER BY id",
                   [&](const sql::Statement &r) {
                       core::GroupConfig g;
                       g.id = static_cast<core::GroupId>(r.int64At(0));
                       auto guid = guidFromString(r.textAt(1));
                       badGuid = badGuid || !guid;
                       g.guid = guid.value_or(core::Guid{});
                       g.name = r.textAt(2);
                       config.groups.push_back(std::move(g));
                   });
    if (!s)
        return s;
    if (badGuid)
        return Status(DbError::Invalid, "database '" + m_path + "': a group has a malformed guid");
    std::string badStrategy;
    s = forEachRow(
        m_db,
        "SELECT id, name, group_id, skill_id, min_level, strategy, service_level_seconds, "
        "short_abandon_seconds, max_length, max_wait_seconds, overflow_queue_id, "
        "overflow_when_no_agents, wrap_up_seconds, ring_timeout_seconds, "
        "measurement_period_seconds, time_zone, closed_queue_id FROM queues ORDER BY id",
        [&](const sql::Statement &r) {
            core::QueueConfig q;
            q.id = static_cast<core::QueueId>(r.int64At(0));
            q.name = r.textAt(1);
            q.group = static_cast<core::GroupId>(r.int64At(2));
            q.skill.skill = static_cast<core::SkillId>(r.int64At(3));
            q.skill.minLevel = static_cast<int>(r.int64At(4));
            auto strategy = core::strategyFromString(r.textAt(5));
            if (!strategy)
                badStrategy =
                    "queue " + std::to_string(q.id) + ": unknown strategy '" + r.textAt(5) + "'";
            q.strategy = strategy.value_or(core::Strategy::LongestIdle);
            q.serviceLevelSeconds = static_cast<int>(r.int64At(6));
            q.shortAbandonSeconds = static_cast<int>(r.int64At(7));
            q.maxLength = static_cast<int>(r.int64At(8));
            q.maxWaitSeconds = static_cast<int>(r.int64At(9));
            q.overflowQueue = static_cast<core::QueueId>(r.int64At(10));
            q.overflowWhenNoAgents = r.int64At(11) != 0;
            q.wrapUpSeconds = static_cast<int>(r.int64At(12));
            q.ringTimeoutSeconds = static_cast<int>(r.int64At(13));
            q.measurementPeriodSeconds = static_cast<int>(r.int64At(14));
            q.timeZone = r.textAt(15);
            q.closedQueue = static_cast<core::QueueId>(r.int64At(16));
            config.queues.push_back(std::move(q));
        });
    if (!s)
        return s;
    if (!badStrategy.empty())
        return Status(DbError::Invalid, "database '" + m_path + "': " + badStrategy);
    for (core::QueueConfig &q : config.queues) {
        auto st = m_db.prepare("SELECT after_seconds, action, value FROM routing_rules WHERE "
                               "queue_id = ? ORDER BY step");
        if (!st)
            return st.status();
        sql::Statement &r = *st.value();
        r.bindAll(q.id);
        while (r.step() == SQLITE_ROW) {
            auto action = core::relaxActionFromString(r.textAt(1));
            if (!action) {
                Status bad(DbError::Invalid,
                           "database '" + m_path + "': queue " + std::to_string(q.id)
                               + ": unknown routing rule action '" + r.textAt(1) + "'");
                r.reset();
                return bad;
            }
            q.relaxation.push_back(core::RelaxationStep{static_cast<int>(r.int64At(0)), *action,
                                                        static_cast<std::uint32_t>(r.int64At(2))});
        }
        r.reset();
        if (Status hours = loadBusinessHours(q); !hours)
            return hours;
    }
    s = forEachRow(m_db,
                   "SELECT id, name, pin_hash, measurement_period_seconds FROM agents ORDER BY id",
                   [&](const sql::Statement &r) {
                       core::AgentConfig a;
                       a.id = static_cast<core::AgentId>(r.int64At(0));
                       a.name = r.textAt(1);
                       a.pinHash = r.textAt(2);
                       a.measurementPeriodSeconds = static_cast<int>(r.int64At(3));
                       config.agents.push_back(std::move(a));
                   });
    if (!s)
        return s;
    for (core::AgentConfig &a : config.agents) {
        auto st = m_db.prepare(
            "SELECT skill_id, level FROM agent_skills WHERE agent_id = ? ORDER BY skill_id");
        if (!st)
            return st.status();
        sql::Statement &r = *st.value();
        r.bindAll(a.id);
        while (r.step() == SQLITE_ROW)
            a.skills.push_back(core::AgentSkill{static_cast<core::SkillId>(r.int64At(0)),
                                                static_cast<int>(r.int64At(1))});
        r.reset();
    }
    s = forEachRow(
        m_db, "SELECT code, name FROM reason_codes ORDER BY code", [&](const sql::Statement &r) {
            config.reasonCodes[static_cast<core::ReasonCode>(r.int64At(0))] = r.textAt(1);
        });
    if (!s)
        return s;
    s = forEachRow(m_db, "SELECT id, name FROM stations ORDER BY id", [&](const sql::Statement &r) {
        config.stations.push_back(StationConfig{r.textAt(0), r.textAt(1)});
    });
    if (!s)
        return s;
    s = forEachRow(m_db,
                   "SELECT address, name, queue_id, priority FROM route_points ORDER BY address",
                   [&](const sql::Statement &r) {
                       config.routePoints.push_back(RoutePointConfig{
                           r.textAt(0), r.textAt(1), static_cast<core::QueueId>(r.int64At(2)),
                           static_cast<int>(r.int64At(3))});
                   });
    if (!s)
        return s;
    s = forEachRow(m_db, "SELECT name, role, password_hash, agent_id FROM users ORDER BY name",
                   [&](const sql::Statement &r) {
                       UserConfig u;
                       u.name = r.textAt(0);
                       u.role = roleFromString(r.textAt(1)).value_or(Role::Agent);
                       u.passwordHash = r.textAt(2);
                       u.agent = static_cast<core::AgentId>(r.int64At(3));
                       config.users.push_back(std::move(u));
                   });
    if (!s)
        return s;
    return config;
}

Status SqliteStore::saveConfig(const ConfigSet &config)
{
    if (Status s = m_db.begin(); !s)
        return s;
    Status s = insertConfig(config);
    if (s)
        s = m_db.commit();
    if (!s)
        m_db.rollback();
    return s;
}

Status SqliteStore::insertConfig(const ConfigSet &config)
{
    // Children first, so foreign keys never dangle.
    for (const char *text :
         {"DELETE FROM users", "DELETE FROM route_points", "DELETE FROM stations",
          "DELETE FROM reason_codes", "DELETE FROM agent_skills", "DELETE FROM agents",
          "DELETE FROM routing_rules", "DELETE FROM queue_open_hours",
          "DELETE FROM queue_holidays", "DELETE FROM queues", "DELETE FROM groups",
          "DELETE FROM skills"}) {
        if (Status s = m_db.execute(text); !s)
            return s;
    }
    for (const auto &k : config.skills)
        if (Status s = m_db.execute("INSERT INTO skills (id, name) VALUES (?, ?)", k.id, k.name);
            !s)
            return s;
    for (const auto &g : config.groups)
        if (Status s = m_db.execute("INSERT INTO groups (id, guid, name) VALUES (?, ?, ?)", g.id,
                                    guidToString(g.guid), g.name);
            !s)
            return s;
    for (const auto &q : config.queues) {
        if (Status s = m_db.execute(
                "INSERT INTO queues (id, name, group_id, skill_id, min_level, strategy, "
                "service_level_seconds, short_abandon_seconds, max_length, max_wait_seconds, "
                "overflow_queue_id, overflow_when_no_agents, wrap_up_seconds, "
                "ring_timeout_seconds, measurement_period_seconds, time_zone, closed_queue_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q.id, q.name, q.group, q.skill.skill, q.skill.minLevel, core::toString(q.strategy),
                q.serviceLevelSeconds, q.shortAbandonSeconds, q.maxLength, q.maxWaitSeconds,
                q.overflowQueue, q.overflowWhenNoAgents ? 1 : 0, q.wrapUpSeconds,
                q.ringTimeoutSeconds, q.measurementPeriodSeconds, q.timeZone, q.closedQueue);
            !s)
            return s;
        for (std::size_t i = 0; i < q.openHours.size(); ++i) {
            const core::OpenHours &h = q.openHours[i];
            if (Status s = m_db.execute("INSERT INTO queue_open_hours (queue_id, weekday, "
                                        "open_minute, close_minute, position) VALUES (?, ?, ?, "
                                        "?, ?)",
                                        q.id, h.weekday, h.openMinute, h.closeMinute, i);
                !s)
                return s;
        }
        for (std::int32_t day : q.holidays)
            if (Status s = m_db.execute("INSERT OR IGNORE INTO queue_holidays (queue_id, day) "
                                        "VALUES (?, ?)",
                                        q.id, core::dateText(day));
                !s)
                return s;
        for (std::size_t i = 0; i < q.relaxation.size(); ++i) {
            const auto &step = q.relaxation[i];
            if (Status s = m_db.execute("INSERT INTO routing_rules (queue_id, step, after_seconds, "
                                        "action, value) VALUES (?, ?, ?, ?, ?)",
                                        q.id, i, step.afterSeconds, core::toString(step.action),
                                        step.value);
                !s)
                return s;
        }
    }
    for (const auto &a : config.agents) {
        if (Status s = m_db.execute("INSERT INTO agents (id, name, pin_hash, "
                                    "measurement_period_seconds) VALUES (?, ?, ?, ?)",
                                    a.id, a.name, a.pinHash, a.measurementPeriodSeconds);
            !s)
            return s;
        for (const auto &k : a.skills)
            if (Status s = m_db.execute(
                    "INSERT INTO agent_skills (agent_id, skill_id, level) VALUES (?, ?, ?)", a.id,
                    k.skill, k.level);
                !s)
                return s;
    }
    for (const auto &[code, name] : config.reasonCodes)
        if (Status s =
                m_db.execute("INSERT INTO reason_codes (code, name) VALUES (?, ?)", code, name);
            !s)
            return s;
    for (const auto &st : config.stations)
        if (Status s =
                m_db.execute("INSERT INTO stations (id, name) VALUES (?, ?)", st.id, st.name);
            !s)
            return s;
    for (const auto &r : config.routePoints)
        if (Status s = m_db.execute(
                "INSERT INTO route_points (address, name, queue_id, priority) VALUES (?, ?, ?, ?)",
                r.address, r.name, r.queue, r.priority);
            !s)
            return s;
    for (const auto &u : config.users)
        if (Status s = m_db.execute("INSERT INTO users (name, role, password_hash, agent_id) "
                                    "VALUES (?, ?, ?, ?)",
                                    u.name, toString(u.role), u.passwordHash, u.agent);
            !s)
            return s;
    return {};
}

} // namespace acd::db
