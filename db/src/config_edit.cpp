// One-item edits of a configuration: the edited whole runs through the file reader
// (parseConfigJson), and its errors are mapped back to the items by key.
#include "db/config_edit.h"

#include "db/json_config.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <regex>
#include <sstream>

namespace acd::db {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr parseObject(const std::string &text)
{
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true)); // keep the file's key order
    Poco::Dynamic::Var v = parser.parse(text);
    if (v.type() != typeid(Object::Ptr))
        return nullptr;
    return v.extract<Object::Ptr>();
}

std::string stringify(const Poco::Dynamic::Var &v)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out, 0);
    return out.str();
}

/// The item's key as text ("" when missing or of a type a key cannot have).
std::string keyOf(const Object::Ptr &item, std::string_view kind)
{
    const std::string field(configKeyField(kind));
    if (!item || !item->has(field))
        return {};
    const Poco::Dynamic::Var v = item->get(field);
    try {
        if (v.isInteger())
            return std::to_string(v.convert<std::int64_t>());
        if (v.isString())
            return v.convert<std::string>();
    } catch (const Poco::Exception &) {
    }
    return {};
}

/// The configuration as a JSON object (the file format, hashes included).
Object::Ptr document(const ConfigSet &config)
{
    return parseObject(toConfigJson(config));
}

std::optional<std::size_t> indexOf(const Array::Ptr &items, std::string_view kind,
                                   const std::string &key)
{
    for (std::size_t i = 0; i < items->size(); ++i)
        if (items->isObject(i) && keyOf(items->getObject(static_cast<unsigned>(i)), kind) == key)
            return i;
    return std::nullopt;
}

/// "queues[3] 'sales': field x: ..." -> list, index, field; the message gets the key instead
/// of the position ("queues 30 'sales': field x: ...").
ConfigItemError mapError(const std::string &text, const Object::Ptr &doc, std::size_t &index,
                         bool &positioned)
{
    static const std::regex head(R"(^([A-Za-z]+)\[(\d+)\](.*)$)");
    static const std::regex field(R"(: field ([^:]+): )");
    static const std::regex unknown(R"(: unknown field '([^']*)')");
    ConfigItemError e;
    e.message = text;
    positioned = false;
    std::smatch m;
    if (std::regex_match(text, m, head)) {
        e.kind = m[1];
        index = static_cast<std::size_t>(std::stoul(m[2]));
        positioned = true;
        if (doc->has(e.kind) && doc->isArray(e.kind)) {
            Array::Ptr items = doc->getArray(e.kind);
            if (index < items->size() && items->isObject(index))
                e.key = keyOf(items->getObject(static_cast<unsigned>(index)), e.kind);
        }
        e.message = e.kind + (e.key.empty() ? "" : " " + e.key) + std::string(m[3]);
    }
    std::smatch f;
    if (std::regex_search(text, f, field))
        e.field = f[1];
    else if (std::regex_search(text, f, unknown))
        e.field = f[1];
    return e;
}

/// Runs the reader over `doc` and sorts its errors: those of `kind`[`index`] are the item's,
/// the others are conflicts.
void validate(const Object::Ptr &doc, std::string_view kind, std::optional<std::size_t> index,
              int iterations, ConfigEdit &out)
{
    ConfigParse parsed = parseConfigJson(stringify(doc), iterations);
    for (const std::string &text : parsed.errors) {
        std::size_t at = 0;
        bool positioned = false;
        ConfigItemError e = mapError(text, doc, at, positioned);
        if (positioned && e.kind == kind && index && at == *index)
            out.errors.push_back(std::move(e));
        else if (!positioned && index) // a whole-file error: blame the edited item
            out.errors.push_back(std::move(e));
        else
            out.conflicts.push_back(std::move(e));
    }
    if (parsed.ok())
        out.config = std::move(parsed.config);
}

void stripSecrets(Object::Ptr item)
{
    item->remove("pinHash");
    item->remove("passwordHash");
}

} // namespace

const std::vector<std::string> &configKinds()
{
    static const std::vector<std::string> kinds{"skills",   "groups",      "queues",
                                                "agents",   "reasonCodes", "stations",
                                                "routePoints", "users"};
    return kinds;
}

bool isConfigKind(std::string_view kind)
{
    for (const std::string &k : configKinds())
        if (k == kind)
            return true;
    return false;
}

std::string_view configKeyField(std::string_view kind)
{
    if (kind == "reasonCodes")
        return "code";
    if (kind == "routePoints")
        return "address";
    if (kind == "users")
        return "name";
    return "id";
}

const char *clearSecretField(std::string_view kind)
{
    if (kind == "agents")
        return "pin";
    if (kind == "users")
        return "password";
    return nullptr;
}

std::string hashClearSecret(std::string_view kind, const std::string &itemJson, int iterations)
{
    const char *clear = clearSecretField(kind);
    if (!clear)
        return itemJson;
    const bool agent = kind == "agents";
    const std::string hashed = std::string(clear) + "Hash"; // pinHash, passwordHash
    Object::Ptr item;
    try {
        item = parseObject(itemJson);
    } catch (const Poco::Exception &) {
        return itemJson;
    }
    if (!item || !item->has(clear) || item->has(hashed) || !item->get(clear).isString())
        return itemJson;
    const std::string secret = item->getValue<std::string>(clear);
    if (agent && (secret.empty() || secret.find_first_not_of("0123456789") != std::string::npos))
        return itemJson;
    item->remove(clear);
    item->set(hashed, hashSecret(secret, iterations));
    return stringify(item);
}

ConfigEdit putConfigItem(const ConfigSet &current, std::string_view kind,
                         const std::string &itemJson, int iterations)
{
    ConfigEdit out;
    const std::string k(kind);
    if (!isConfigKind(kind)) {
        out.errors.push_back({k, "", "kind", "unknown kind '" + k + "'"});
        return out;
    }
    Object::Ptr item;
    try {
        item = parseObject(itemJson);
    } catch (const Poco::Exception &e) {
        out.errors.push_back({k, "", "", k + ": the item is not valid JSON: " + e.displayText()});
        return out;
    }
    if (!item) {
        out.errors.push_back({k, "", "", k + ": the item must be a JSON object"});
        return out;
    }
    try {
        out.key = keyOf(item, kind);
        Object::Ptr doc = document(current);
        Array::Ptr items = doc->getArray(k);
        std::optional<std::size_t> index = out.key.empty() ? std::nullopt
                                                           : indexOf(items, kind, out.key);
        out.existed = index.has_value();
        if (index) {
            // A replacement that does not give the secret keeps the stored hash.
            Object::Ptr old = items->getObject(static_cast<unsigned>(*index));
            if (k == "agents" && !item->has("pin") && !item->has("pinHash"))
                item->set("pinHash", old->get("pinHash"));
            if (k == "users" && !item->has("password") && !item->has("passwordHash"))
                item->set("passwordHash", old->get("passwordHash"));
            items->set(static_cast<unsigned>(*index), item);
        } else {
            index = items->size();
            items->add(item);
        }
        validate(doc, kind, index, iterations, out);
        // A put breaks no other item (keys stay); what the reader reports elsewhere (a name
        // the item now duplicates) is the item's fault.
        for (ConfigItemError &e : out.conflicts)
            out.errors.push_back(std::move(e));
        out.conflicts.clear();
        for (ConfigItemError &e : out.errors)
            if (e.key.empty())
                e.key = out.key;
    } catch (const Poco::Exception &e) {
        out.errors.push_back({k, out.key, "", k + ": " + e.displayText()});
    }
    return out;
}

ConfigEdit deleteConfigItem(const ConfigSet &current, std::string_view kind,
                            const std::string &key)
{
    ConfigEdit out;
    out.key = key;
    const std::string k(kind);
    if (!isConfigKind(kind)) {
        out.errors.push_back({k, key, "kind", "unknown kind '" + k + "'"});
        return out;
    }
    try {
        Object::Ptr doc = document(current);
        Array::Ptr items = doc->getArray(k);
        std::optional<std::size_t> index = indexOf(items, kind, key);
        if (!index) {
            out.config = current;
            return out;
        }
        out.existed = true;
        items->remove(static_cast<unsigned>(*index));
        validate(doc, kind, std::nullopt, kDefaultPbkdf2Iterations, out);
    } catch (const Poco::Exception &e) {
        out.errors.push_back({k, key, "", k + ": " + e.displayText()});
    }
    return out;
}

std::optional<std::string> configItemJson(const ConfigSet &config, std::string_view kind,
                                          const std::string &key)
{
    if (!isConfigKind(kind))
        return std::nullopt;
    Object::Ptr doc = document(config);
    Array::Ptr items = doc->getArray(std::string(kind));
    auto index = indexOf(items, kind, key);
    if (!index)
        return std::nullopt;
    Object::Ptr item = items->getObject(static_cast<unsigned>(*index));
    stripSecrets(item);
    return stringify(item);
}

std::string configListJson(const ConfigSet &config, std::string_view kind)
{
    if (!isConfigKind(kind))
        return "[]";
    Object::Ptr doc = document(config);
    Array::Ptr items = doc->getArray(std::string(kind));
    for (std::size_t i = 0; i < items->size(); ++i)
        if (items->isObject(i))
            stripSecrets(items->getObject(static_cast<unsigned>(i)));
    return stringify(items);
}

} // namespace acd::db
