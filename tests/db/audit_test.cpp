// The audit log (schema 004) and configuration edits through the writer; one-item config edits
// (db/config_edit.h) with errors naming item and field.
#include "db/config_edit.h"
#include "db/json_config.h"
#include "db/writer.h"
#include "db_fixture.h"

#include <Poco/JSON/Parser.h>

namespace acd::db::test {
namespace {

const char *const kConfig = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" } ],
  "groups": [ { "id": 1, "name": "front", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" } ],
  "queues": [ { "id": 10, "name": "sales", "group": 1, "skill": 1 } ],
  "agents": [ { "id": 1001, "name": "Alice", "pin": "1234" } ],
  "users": [ { "name": "root", "role": "admin", "password": "adm1n" } ]
})";

ConfigSet sample()
{
    ConfigParse parsed = parseConfigJson(kConfig, 1000);
    EXPECT_TRUE(parsed.ok());
    return parsed.config;
}

TEST(Audit, AppendedRowsAreReadBackInTimeOrderWithinTheRange)
{
    TempDir dir;
    auto store = openStore(dir.file("acd.db"));
    ASSERT_TRUE(store);
    const AuditRecord second{kT0 + 2000, "root", "admin.delete", "queues:30", "deleted"};
    const AuditRecord first{kT0 + 1000, "carol", "agent.setState", "agent:1001",
                            "state=not-ready reason=1"};
    ASSERT_TRUE(store->appendAudit(second));
    ASSERT_TRUE(store->appendAudit(first));
    ASSERT_TRUE(store->appendAudit({kT0 + 9000, "root", "admin.put", "skills:2", "{}"}));
    auto rows = store->auditLog({kT0, kT0 + 5000});
    ASSERT_TRUE(rows) << rows.status().message();
    ASSERT_EQ(rows.value().size(), 2u);
    EXPECT_EQ(rows.value()[0], first);
    EXPECT_EQ(rows.value()[1], second);
}

TEST(Audit, AuditRowsAndAConfigurationSubmittedToTheWriterAreStored)
{
    TempDir dir;
    auto store = openStore(dir.file("acd.db"));
    ASSERT_TRUE(store);
    ConfigSet config = sample();
    ASSERT_TRUE(store->saveConfig(config));
    ConfigEdit edit = putConfigItem(config, "queues",
                                    R"({"id":30,"name":"billing","group":1,"skill":1})", 1000);
    ASSERT_TRUE(edit.ok());
    {
        Writer writer(*store);
        writer.submit(std::make_shared<const ConfigSet>(edit.config));
        writer.submit(AuditRecord{kT0, "root", "admin.put", "queues:30", "{}"});
        writer.flush();
        EXPECT_EQ(writer.metrics().failed, 0u);
    }
    auto loaded = store->loadConfig();
    ASSERT_TRUE(loaded);
    EXPECT_EQ(toConfigJson(loaded.value()), toConfigJson(edit.config));
    EXPECT_EQ(loaded.value().queues.size(), 2u);
    auto rows = store->auditLog({0, kT0 + 1});
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows.value().size(), 1u);
    EXPECT_EQ(rows.value()[0].object, "queues:30");
}

TEST(ConfigEdit, APutValidatesTheItemAndNamesItsField)
{
    ConfigEdit edit = putConfigItem(sample(), "queues",
                                    R"({"id":30,"name":"billing","group":1,"skill":7})", 1000);
    ASSERT_EQ(edit.errors.size(), 1u);
    EXPECT_EQ(edit.errors[0].kind, "queues");
    EXPECT_EQ(edit.errors[0].key, "30");
    EXPECT_EQ(edit.errors[0].field, "skill");
    EXPECT_EQ(edit.errors[0].message, "queues 30 'billing': field skill: unknown skill 7");
}

TEST(ConfigEdit, ADuplicateNameIsTheEditedItemsError)
{
    ConfigEdit edit = putConfigItem(sample(), "queues",
                                    R"({"id":30,"name":"sales","group":1,"skill":1})", 1000);
    ASSERT_EQ(edit.errors.size(), 1u);
    EXPECT_EQ(edit.errors[0].field, "name");
    EXPECT_TRUE(edit.conflicts.empty());
}

TEST(ConfigEdit, AReplacementWithoutASecretKeepsTheStoredHash)
{
    ConfigSet config = sample();
    ConfigEdit edit = putConfigItem(config, "agents", R"({"id":1001,"name":"Alice B."})", 1000);
    ASSERT_TRUE(edit.ok()) << edit.errors.front().message;
    EXPECT_TRUE(edit.existed);
    ASSERT_EQ(edit.config.agents.size(), 1u);
    EXPECT_EQ(edit.config.agents[0].name, "Alice B.");
    EXPECT_EQ(edit.config.agents[0].pinHash, config.agents[0].pinHash);
    EXPECT_TRUE(verifySecret("1234", edit.config.agents[0].pinHash));
}

TEST(ConfigEdit, DeletingASkillAQueueNeedsIsAConflictNamingTheQueue)
{
    ConfigEdit edit = deleteConfigItem(sample(), "skills", "1");
    EXPECT_TRUE(edit.existed);
    ASSERT_EQ(edit.conflicts.size(), 1u);
    EXPECT_EQ(edit.conflicts[0].kind, "queues");
    EXPECT_EQ(edit.conflicts[0].key, "10");
    EXPECT_EQ(edit.conflicts[0].field, "skill");
}

TEST(ConfigEdit, AClearPasswordIsHashedBeforeThePutAndThePutKeepsTheHash)
{
    const std::string item =
        hashClearSecret("users", R"({"name":"dave","role":"admin","password":"d4ve"})", 1000);
    Poco::JSON::Parser parser;
    auto object = parser.parse(item).extract<Poco::JSON::Object::Ptr>();
    EXPECT_FALSE(object->has("password"));
    const std::string hash = object->getValue<std::string>("passwordHash");
    EXPECT_TRUE(verifySecret("d4ve", hash));
    ConfigEdit edit = putConfigItem(sample(), "users", item, 1000);
    ASSERT_TRUE(edit.ok()) << edit.errors.front().message;
    EXPECT_EQ(edit.config.users.back().passwordHash, hash);
}

TEST(ConfigEdit, AClearPinOfDigitsIsHashedBeforeThePut)
{
    const std::string item = hashClearSecret("agents", R"({"id":1002,"pin":"0042"})", 1000);
    Poco::JSON::Parser parser;
    auto object = parser.parse(item).extract<Poco::JSON::Object::Ptr>();
    EXPECT_FALSE(object->has("pin"));
    EXPECT_TRUE(verifySecret("0042", object->getValue<std::string>("pinHash")));
}

TEST(ConfigEdit, WhatThePutMustRefuseIsLeftForItToRefuse)
{
    for (const auto &[kind, item] : std::vector<std::pair<std::string, std::string>>{
             {"agents", R"({"id":1002,"pin":"12ab"})"},
             {"agents", R"({"id":1002,"pin":""})"},
             {"agents", R"({"id":1002,"pin":1234})"},
             {"users", R"({"name":"x","password":"a","passwordHash":"b"})"},
             {"users", "{oops"},
             {"skills", R"({"id":2,"name":"x","password":"y"})"},
         })
        EXPECT_EQ(hashClearSecret(kind, item, 1000), item) << kind << " " << item;
    ConfigEdit edit = putConfigItem(
        sample(), "agents",
        hashClearSecret("agents", R"({"id":1002,"name":"Bob","pin":"12ab"})", 1000), 1000);
    ASSERT_FALSE(edit.errors.empty());
    EXPECT_EQ(edit.errors.front().field, "pin");
}

TEST(ConfigEdit, ItemsAreReadWithoutSecrets)
{
    auto agent = configItemJson(sample(), "agents", "1001");
    ASSERT_TRUE(agent);
    EXPECT_EQ(*agent, R"({"id":1001,"name":"Alice","measurementPeriodSeconds":1800,"skills":[]})");
    EXPECT_EQ(configListJson(sample(), "users"), R"([{"name":"root","role":"admin","agent":0}])");
    EXPECT_FALSE(configItemJson(sample(), "agents", "1002"));
}

} // namespace
} // namespace acd::db::test
