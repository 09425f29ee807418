// Roles, GUID text and loading a stored configuration into the core engine.
#include "db/config_set.h"

#include "core/engine.h"

#include <cstdio>

namespace acd::db {
namespace {

Status fromCore(const core::Status &s, const std::string &item) {
    return Status(DbError::Invalid, item + ": " + s.message());
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Text order of the 16 bytes: Data1 (4 bytes, little-endian), Data2 and Data3 (2 bytes each,
// little-endian), then Data4's 8 bytes as they are.
constexpr int kTextOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

} // namespace

std::string_view toString(Role role) {
    switch (role) {
    case Role::Agent:
        return "agent";
    case Role::Supervisor:
        return "supervisor";
    case Role::Admin:
        return "admin";
    }
    return "invalid";
}

std::optional<Role> roleFromString(std::string_view s) {
    for (Role r : {Role::Agent, Role::Supervisor, Role::Admin})
        if (toString(r) == s)
            return r;
    return std::nullopt;
}

std::string guidToString(const core::Guid &guid) {
    std::string out;
    char buf[3];
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        std::snprintf(buf, sizeof buf, "%02x", guid.bytes[static_cast<std::size_t>(kTextOrder[i])]);
        out += buf;
    }
    return out;
}

std::optional<core::Guid> guidFromString(std::string_view text) {
    if (text.size() == 38 && text.front() == '{' && text.back() == '}')
        text = text.substr(1, 36);
    if (text.size() != 36)
        return std::nullopt;
    core::Guid guid;
    std::size_t pos = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            if (text[pos] != '-')
                return std::nullopt;
            ++pos;
        }
        const int hi = hexValue(text[pos]);
        const int lo = hexValue(text[pos + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        guid.bytes[static_cast<std::size_t>(kTextOrder[i])] =
            static_cast<std::uint8_t>(hi * 16 + lo);
        pos += 2;
    }
    return guid;
}

Status loadIntoEngine(const ConfigSet &config, core::Engine &engine) {
    for (const auto &[code, name] : config.reasonCodes)
        if (auto s = engine.setReasonCode(code, name); !s)
            return fromCore(s, "reason code " + std::to_string(code));
    for (const auto &skill : config.skills)
        if (auto s = engine.addSkill(skill); !s)
            return fromCore(s, "skill " + std::to_string(skill.id) + " '" + skill.name + "'");
    for (const auto &group : config.groups)
        if (auto s = engine.addGroup(group); !s)
            return fromCore(s, "group " + std::to_string(group.id) + " '" + group.name + "'");
    for (const auto &queue : config.queues)
        if (auto s = engine.addQueue(queue); !s)
            return fromCore(s, "queue " + std::to_string(queue.id) + " '" + queue.name + "'");
    for (const auto &agent : config.agents)
        if (auto s = engine.addAgent(agent); !s)
            return fromCore(s, "agent " + std::to_string(agent.id) + " '" + agent.name + "'");
    if (auto s = engine.validateReferences(); !s)
        return fromCore(s, "configuration");
    return {};
}

} // namespace acd::db
