#pragma once
// Salted PBKDF2-HMAC-SHA256 hashes for agent PINs and user passwords (OpenSSL). Encoded as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"; a clear PIN is never stored.
#include <string>
#include <string_view>

namespace acd::db {

constexpr int kDefaultPbkdf2Iterations = 100000;

/// Hashes `secret` with a fresh 16-byte random salt.
std::string hashSecret(std::string_view secret, int iterations = kDefaultPbkdf2Iterations);
/// True when `secret` matches `encoded` (constant-time comparison).
bool verifySecret(std::string_view secret, std::string_view encoded);
/// A hash of nothing anyone knows, at the default cost, made once: check an unknown user's
/// password against it so that an unknown user costs as much as a wrong password (no hint
/// which one it was).
const std::string &unknownSecretHash();
/// True when `text` is a well-formed encoded hash.
bool isSecretHash(std::string_view text);

} // namespace acd::db
