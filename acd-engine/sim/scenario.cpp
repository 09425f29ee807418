#include "sim/scenario.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

namespace acd::sim {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

/// Reads typed fields, remembering the first problem with the path of the offending field.
class Reader {
public:
    explicit Reader(std::string source)
        : m_source(std::move(source))
    {}

    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }

    void fail(const std::string &path, const std::string &what)
    {
        if (m_error.empty())
            m_error = m_source + ": " + path + ": " + what;
    }

    double number(const Object::Ptr &o, const std::string &path, const std::string &key,
                  double fallback, double min, double max)
    {
        if (!o->has(key))
            return fallback;
        const Poco::Dynamic::Var v = o->get(key);
        if (!v.isNumeric()) {
            fail(path, "field " + key + " must be a number");
            return fallback;
        }
        const double d = v.convert<double>();
        if (d < min || d > max) {
            std::ostringstream s;
            s << "field " << key << " must be between " << min << " and " << max << ", got " << d;
            fail(path, s.str());
            return fallback;
        }
        return d;
    }

    int integer(const Object::Ptr &o, const std::string &path, const std::string &key, int fallback,
                int min, int max)
    {
        return static_cast<int>(number(o, path, key, fallback, min, max));
    }

    std::string text(const Object::Ptr &o, const std::string &path, const std::string &key,
                     const std::string &fallback)
    {
        if (!o->has(key))
            return fallback;
        const Poco::Dynamic::Var v = o->get(key);
        if (!v.isString()) {
            fail(path, "field " + key + " must be a string");
            return fallback;
        }
        return v.convert<std::string>();
    }

    Array::Ptr array(const Object::Ptr &o, const std::string &path, const std::string &key)
    {
        if (!o->has(key))
            return new Array;
        Array::Ptr a = o->getArray(key);
        if (!a)
            fail(path, "field " + key + " must be an array");
        return a ? a : Array::Ptr(new Array);
    }

    Object::Ptr object(const Array::Ptr &a, std::size_t i, const std::string &path)
    {
        Object::Ptr o = a->getObject(static_cast<unsigned>(i));
        if (!o)
            fail(path, "must be an object");
        return o;
    }

private:
    std::string m_source;
    std::string m_error;
};

std::vector<core::AgentSkill> readSkills(Reader &r, const Object::Ptr &o, const std::string &path)
{
    std::vector<core::AgentSkill> skills;
    Array::Ptr a = r.array(o, path, "skills");
    for (std::size_t i = 0; i < a->size() && r.ok(); ++i) {
        const std::string p = path + ".skills[" + std::to_string(i) + "]";
        Object::Ptr s = r.object(a, i, p);
        if (!s)
            break;
        skills.push_back({static_cast<core::SkillId>(r.integer(s, p, "skill", 0, 1, 1 << 30)),
                          r.integer(s, p, "level", 1, 1, 16)});
    }
    return skills;
}

} // namespace

Scenario singleQueueScenario(int agents, double arrivalRate, double ahtSeconds,
                             double patienceSeconds, double slThreshold, core::Strategy strategy)
{
    Scenario s;
    s.skills = {{1, "general"}};
    core::GroupConfig g{1, {}, "all"};
    g.guid.bytes[0] = 1;
    s.groups = {g};
    core::QueueConfig q;
    q.id = 1;
    q.name = "main";
    q.group = 1;
    q.skill = {1, 1};
    q.strategy = strategy;
    q.serviceLevelSeconds = static_cast<int>(slThreshold);
    q.ringTimeoutSeconds = 0; // simulated agents always answer: no RONA
    q.overflowWhenNoAgents = false;
    s.queues = {q};
    s.traffic = {{1, arrivalRate, ahtSeconds, patienceSeconds, 1}};
    AgentBlock block;
    block.count = agents;
    block.firstId = 1;
    block.group = 1;
    block.skills = {{1, 1}};
    s.agents = {block};
    s.serviceLevelSeconds = slThreshold;
    return s;
}

bool parseScenario(const std::string &json, const std::string &sourceName, Scenario &out,
                   std::string &error)
{
    Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(json).extract<Object::Ptr>();
    } catch (const Poco::Exception &e) {
        error = sourceName + ": not valid JSON: " + e.displayText();
        return false;
    } catch (const std::exception &e) {
        error = sourceName + ": not a JSON object: " + e.what();
        return false;
    }
    if (!root) {
        error = sourceName + ": the top level must be a JSON object";
        return false;
    }
    Reader r(sourceName);
    Scenario s;
    s.seed = static_cast<std::uint64_t>(r.number(root, "scenario", "seed", 1, 0, 9e15));
    s.calls = static_cast<std::uint64_t>(r.number(root, "scenario", "calls", 10000, 1, 1e9));
    s.warmupCalls = static_cast<std::uint64_t>(
        r.number(root, "scenario", "warmup", static_cast<double>(s.calls / 10), 0, 1e9));
    s.serviceLevelSeconds = r.number(root, "scenario", "serviceLevelSeconds", 20, 1, 86400);
    const std::string dist = r.text(root, "scenario", "serviceDistribution", "exp");
    if (dist == "exp")
        s.serviceDistribution = ServiceDistribution::Exponential;
    else if (dist == "lognormal")
        s.serviceDistribution = ServiceDistribution::Lognormal;
    else if (dist == "fixed")
        s.serviceDistribution = ServiceDistribution::Fixed;
    else
        r.fail("scenario",
               "field serviceDistribution: unknown value '" + dist + "' (exp, lognormal or fixed)");

    Array::Ptr skills = r.array(root, "scenario", "skills");
    for (std::size_t i = 0; i < skills->size() && r.ok(); ++i) {
        const std::string p = "skills[" + std::to_string(i) + "]";
        if (Object::Ptr o = r.object(skills, i, p))
            s.skills.push_back({static_cast<core::SkillId>(r.integer(o, p, "id", 0, 1, 1 << 30)),
                                r.text(o, p, "name", "skill" + std::to_string(i + 1))});
    }
    Array::Ptr groups = r.array(root, "scenario", "groups");
    for (std::size_t i = 0; i < groups->size() && r.ok(); ++i) {
        const std::string p = "groups[" + std::to_string(i) + "]";
        if (Object::Ptr o = r.object(groups, i, p)) {
            core::GroupConfig g;
            g.id = static_cast<core::GroupId>(r.integer(o, p, "id", 0, 1, 1 << 30));
            g.name = r.text(o, p, "name", "group" + std::to_string(i + 1));
            g.guid.bytes[0] = static_cast<std::uint8_t>(g.id);
            g.guid.bytes[1] = static_cast<std::uint8_t>(g.id >> 8);
            g.guid.bytes[2] = static_cast<std::uint8_t>(g.id >> 16);
            s.groups.push_back(g);
        }
    }
    Array::Ptr queues = r.array(root, "scenario", "queues");
    for (std::size_t i = 0; i < queues->size() && r.ok(); ++i) {
        const std::string p = "queues[" + std::to_string(i) + "]";
        Object::Ptr o = r.object(queues, i, p);
        if (!o)
            break;
        core::QueueConfig q;
        q.id = static_cast<core::QueueId>(r.integer(o, p, "id", 0, 1, 1 << 30));
        q.name = r.text(o, p, "name", "queue" + std::to_string(q.id));
        q.group = static_cast<core::GroupId>(r.integer(o, p, "group", 0, 1, 1 << 30));
        q.skill.skill = static_cast<core::SkillId>(r.integer(o, p, "skill", 0, 1, 1 << 30));
        q.skill.minLevel = r.integer(o, p, "minLevel", 1, 1, 16);
        const std::string strategy = r.text(o, p, "strategy", "longest-idle");
        if (auto st = core::strategyFromString(strategy))
            q.strategy = *st;
        else
            r.fail(p, "field strategy: unknown value '" + strategy + "'");
        q.serviceLevelSeconds = r.integer(o, p, "serviceLevelSeconds", 20, 1, 86400);
        q.shortAbandonSeconds = r.integer(o, p, "shortAbandonSeconds", 5, 0, 86400);
        q.maxLength = r.integer(o, p, "maxLength", 0, 0, 1000000);
        q.maxWaitSeconds = r.integer(o, p, "maxWaitSeconds", 0, 0, 86400);
        q.overflowQueue =
            static_cast<core::QueueId>(r.integer(o, p, "overflowQueue", 0, 0, 1 << 30));
        q.overflowWhenNoAgents = r.integer(o, p, "overflowWhenNoAgents", 1, 0, 1) != 0;
        q.wrapUpSeconds = r.integer(o, p, "wrapUpSeconds", 0, 0, 86400);
        q.ringTimeoutSeconds = r.integer(o, p, "ringTimeoutSeconds", 20, 0, 86400);
        Array::Ptr steps = r.array(o, p, "relaxation");
        for (std::size_t j = 0; j < steps->size() && r.ok(); ++j) {
            const std::string sp = p + ".relaxation[" + std::to_string(j) + "]";
            Object::Ptr so = r.object(steps, j, sp);
            if (!so)
                break;
            core::RelaxationStep step;
            step.afterSeconds = r.integer(so, sp, "afterSeconds", 0, 0, 86400);
            const std::string action = r.text(so, sp, "action", "");
            if (auto a = core::relaxActionFromString(action))
                step.action = *a;
            else
                r.fail(sp, "field action: unknown value '" + action + "'");
            step.value = static_cast<std::uint32_t>(r.integer(so, sp, "value", 0, 0, 1 << 30));
            q.relaxation.push_back(step);
        }
        QueueTraffic t;
        t.queue = q.id;
        t.arrivalRate = r.number(o, p, "arrivalRate", 0, 0, 1e6);
        t.ahtSeconds = r.number(o, p, "ahtSeconds", 180, 0.001, 1e6);
        t.patienceSeconds = r.number(o, p, "patienceSeconds", 0, 0, 1e9);
        t.priority = r.integer(o, p, "priority", 1, 1, 10);
        s.queues.push_back(q);
        s.traffic.push_back(t);
    }
    Array::Ptr agents = r.array(root, "scenario", "agents");
    for (std::size_t i = 0; i < agents->size() && r.ok(); ++i) {
        const std::string p = "agents[" + std::to_string(i) + "]";
        Object::Ptr o = r.object(agents, i, p);
        if (!o)
            break;
        AgentBlock b;
        b.count = r.integer(o, p, "count", 1, 1, 1000000);
        b.firstId = static_cast<core::AgentId>(r.integer(o, p, "firstId", 0, 0, 1 << 30));
        b.group = static_cast<core::GroupId>(r.integer(o, p, "group", 0, 1, 1 << 30));
        b.skills = readSkills(r, o, p);
        b.ringDelaySeconds = r.number(o, p, "ringDelaySeconds", 0, 0, 3600);
        b.noAnswerProbability = r.number(o, p, "noAnswerProbability", 0, 0, 1);
        b.ronaRecoverySeconds = r.number(o, p, "ronaRecoverySeconds", 10, 0, 86400);
        b.loginAtSeconds = r.number(o, p, "loginAtSeconds", 0, 0, 1e9);
        b.logoutAtSeconds = r.number(o, p, "logoutAtSeconds", 0, 0, 1e9);
        s.agents.push_back(b);
    }
    if (r.ok() && s.queues.empty())
        r.fail("scenario", "field queues: at least one queue is needed");
    if (!r.ok()) {
        error = r.error();
        return false;
    }
    out = std::move(s);
    return true;
}

bool loadScenario(const std::string &path, Scenario &scenario, std::string &error)
{
    std::ifstream in(path);
    if (!in) {
        error = path + ": cannot open the scenario file";
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    return parseScenario(text.str(), path, scenario, error);
}

} // namespace acd::sim
