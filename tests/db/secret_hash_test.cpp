// PBKDF2 secrets and the memory of successful verifications.
#include "db/secret_hash.h"

#include <gtest/gtest.h>

namespace acd::db::test {
namespace {

TEST(SecretHash, TheRightSecretVerifiesAgainAndAgain)
{
    const std::string hash = hashSecret("1234", 1000);
    EXPECT_TRUE(verifySecret("1234", hash));
    EXPECT_TRUE(verifySecret("1234", hash)); // remembered now
}

TEST(SecretHash, AWrongSecretFailsEvenAfterTheRightOneWasRemembered)
{
    const std::string hash = hashSecret("1234", 1000);
    ASSERT_TRUE(verifySecret("1234", hash));
    EXPECT_FALSE(verifySecret("1235", hash));
    EXPECT_FALSE(verifySecret("", hash));
    EXPECT_FALSE(verifySecret("12340", hash));
}

TEST(SecretHash, ARememberedSecretDoesNotOpenAnotherHash)
{
    const std::string alice = hashSecret("1234", 1000);
    const std::string bob = hashSecret("4321", 1000);
    ASSERT_TRUE(verifySecret("1234", alice));
    EXPECT_FALSE(verifySecret("1234", bob));
    // The same PIN hashed again has another salt: it verifies on its own merit.
    const std::string again = hashSecret("1234", 1000);
    EXPECT_NE(again, alice);
    EXPECT_TRUE(verifySecret("1234", again));
}

TEST(SecretHash, AMalformedHashNeverVerifies)
{
    for (const char *bad : {"", "pbkdf2-sha256$0$00$00", "pbkdf2-sha256$10$zz$00",
                            "sha1$1000$00$00", "pbkdf2-sha256$1000$00"})
        EXPECT_FALSE(verifySecret("1234", bad)) << bad;
}

} // namespace
} // namespace acd::db::test
