// PBKDF2-HMAC-SHA256 via OpenSSL.
#include "db/secret_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <mutex>
#include <unordered_set>
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

/// Successful verifications, remembered as HMAC-SHA256(process key, hash NUL secret): an
/// agent's PIN is checked at hello, again by lineCreateAgent and by each
/// lineCreateAgentSession, and 100,000 PBKDF2 rounds cost tens of milliseconds of the engine
/// thread each time. A remembered pair costs one HMAC. Only a caller who already has the
/// right secret can hit an entry; a wrong secret always pays the full PBKDF2.
class VerifiedSecrets {
public:
    VerifiedSecrets() { RAND_bytes(m_key, sizeof m_key); }

    std::string tag(std::string_view secret, std::string_view encoded) const {
        std::string input(encoded);
        input += '\0';
        input.append(secret);
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        HMAC(EVP_sha256(), m_key, sizeof m_key, reinterpret_cast<const unsigned char *>(input.data()),
             input.size(), mac, &length);
        OPENSSL_cleanse(input.data(), input.size());
        return std::string(reinterpret_cast<const char *>(mac), length);
    }
    bool contains(const std::string &tag) {
        std::lock_guard lock(m_mutex);
        return m_tags.count(tag) != 0;
    }
    void add(std::string tag) {
        std::lock_guard lock(m_mutex);
        if (m_tags.size() >= kMaxEntries)
            m_tags.clear(); // bounded: a full table starts over
        m_tags.insert(std::move(tag));
    }

private:
    static constexpr std::size_t kMaxEntries = 100000;
    unsigned char m_key[32];
    std::mutex m_mutex;
    std::unordered_set<std::string> m_tags;
};

VerifiedSecrets &verifiedSecrets() {
    static VerifiedSecrets secrets;
    return secrets;
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
    std::string tag = verifiedSecrets().tag(secret, encoded);
    if (verifiedSecrets().contains(tag))
        return true;
    const auto hash = derive(secret, p.salt, p.iterations, p.hash.size());
    if (CRYPTO_memcmp(hash.data(), p.hash.data(), hash.size()) != 0)
        return false;
    verifiedSecrets().add(std::move(tag));
    return true;
}

const std::string &unknownSecretHash() {
    static const std::string hash = [] {
        unsigned char random[16];
        RAND_bytes(random, sizeof random);
        return hashSecret(std::string_view(reinterpret_cast<const char *>(random), sizeof random));
    }();
    return hash;
}

bool isSecretHash(std::string_view text) {
    Parsed p;
    return parse(text, p);
}

} // namespace acd::db
