// PBKDF2-HMAC-SHA256 via OpenSSL.
#include "db/secret_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <vector>

namespace acd::db {
namespace {

constexpr std::string_view kPrefix = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string toHex(const std::vector<unsigned char> &bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

bool fromHex(std::string_view text, std::vector<unsigned char> &out) {
    if (text.size() % 2)
        return false;
    out.clear();
    for (std::size_t i = 0; i < text.size(); i += 2) {
        unsigned value = 0;
        auto [p, ec] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
        if (ec != std::errc() || p != text.data() + i + 2)
            return false;
        out.push_back(static_cast<unsigned char>(value));
    }
    return true;
}

std::vector<unsigned char> derive(std::string_view secret, const std::vector<unsigned char> &salt,
                                  int iterations, std::size_t length) {
    std::vector<unsigned char> out(length);
    PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), salt.data(),
                      static_cast<int>(salt.size()), iterations, EVP_sha256(),
                      static_cast<int>(length), out.data());
    return out;
}

struct Parsed {
    int iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
};

bool parse(std::string_view text, Parsed &out) {
    auto next = [&](std::string_view &field) {
        const auto pos = text.find('$');
        field = text.substr(0, pos);
        text = pos == std::string_view::npos ? std::string_view() : text.substr(pos + 1);
        return !field.empty();
    };
    std::string_view prefix, iterations, salt, hash;
    if (!next(prefix) || prefix != kPrefix || !next(iterations) || !next(salt) || !next(hash)
        || !text.empty())
        return false;
    auto [p, ec] =
        std::from_chars(iterations.data(), iterations.data() + iterations.size(), out.iterations);
    return ec == std::errc() && p == iterations.data() + iterations.size() && out.iterations > 0
           && fromHex(salt, out.salt) && fromHex(hash, out.hash) && !out.hash.empty();
}

} // namespace

std::string hashSecret(std::string_view secret, int iterations) {
    std::vector<unsigned char> salt(kSaltBytes);
    RAND_bytes(salt.data(), static_cast<int>(salt.size()));
    return std::string(kPrefix) + "$" + std::to_string(iterations) + "$" + toHex(salt) + "$"
           + toHex(derive(secret, salt, iterations, kHashBytes));
}

bool verifySecret(std::string_view secret, std::string_view encoded) {
    Parsed p;
    if (!parse(encoded, p))
        return false;
    const auto hash = derive(secret, p.salt, p.iterations, p.hash.size());
    return CRYPTO_memcmp(hash.data(), p.hash.data(), hash.size()) == 0;
}

bool isSecretHash(std::string_view text) {
    Parsed p;
    return parse(text, p);
}

} // namespace acd::db
