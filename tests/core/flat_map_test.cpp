// FlatIndex against std::unordered_map under random inserts, overwrites and erases.
#include "core/flat_map.h"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace acd::core {
namespace {

TEST(FlatIndexTest, BehavesLikeAnUnorderedMapUnderRandomOperations)
{
    FlatIndex<std::uint64_t> flat;
    std::unordered_map<std::uint64_t, std::uint32_t> reference;
    std::mt19937_64 rng(3);
    for (int i = 0; i < 200000; ++i) {
        const std::uint64_t key = rng() % 5000; // dense collisions and probe runs
        switch (rng() % 3) {
        case 0:
        case 1: {
            const auto value = static_cast<std::uint32_t>(rng());
            flat.set(key, value);
            reference[key] = value;
            break;
        }
        case 2:
            EXPECT_EQ(flat.erase(key), reference.erase(key) == 1);
            break;
        }
        ASSERT_EQ(flat.size(), reference.size());
    }
    for (std::uint64_t key = 0; key < 5000; ++key) {
        const auto *v = flat.find(key);
        const auto it = reference.find(key);
        ASSERT_EQ(v != nullptr, it != reference.end()) << key;
        if (v) {
            EXPECT_EQ(*v, it->second);
        }
    }
}

TEST(FlatIndexTest, EmptyIndexFindsNothing)
{
    FlatIndex<std::uint32_t> flat;
    EXPECT_EQ(flat.find(7), nullptr);
    EXPECT_FALSE(flat.erase(7));
}

} // namespace
} // namespace acd::core
