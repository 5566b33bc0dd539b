// generate_self_signed: the certificate roostd creates on first start so that TLS works out of
// the box and clients that check names (mbsync, fetchmail, curl) accept it when told to trust
// it. RFC 5280 profile: v3, random positive serial, subjectAltName carrying every name (RFC
// 6125 §6.4.4: clients match SAN, not the CN, when SAN is present), CA:FALSE.
#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <vector>

#include "base/files.hpp"
#include "net/tls_context.hpp"
#include "net/tls_context_impl.hpp"

namespace roost::net {
namespace {

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

Error ssl_failure(const std::string& what) {
    std::string detail = openssl_errors();
    return make_error("certificate generation: " + what + (detail.empty() ? "" : ": " + detail));
}

// An IP literal becomes an iPAddress entry (4 or 16 octets), anything else a dNSName.
GENERAL_NAME* make_general_name(const std::string& name) {
    unsigned char ip[16];
    int ip_len = 0;
    if (inet_pton(AF_INET, name.c_str(), ip) == 1) {
        ip_len = 4;
    } else if (inet_pton(AF_INET6, name.c_str(), ip) == 1) {
        ip_len = 16;
    }
    GENERAL_NAME* gn = GENERAL_NAME_new();
    if (gn == nullptr) return nullptr;
    if (ip_len > 0) {
        ASN1_OCTET_STRING* octets = ASN1_OCTET_STRING_new();
        if (octets == nullptr || ASN1_OCTET_STRING_set(octets, ip, ip_len) != 1) {
            ASN1_OCTET_STRING_free(octets);
            GENERAL_NAME_free(gn);
            return nullptr;
        }
        GENERAL_NAME_set0_value(gn, GEN_IPADD, octets);
    } else {
        ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
        if (dns == nullptr || ASN1_STRING_set(dns, name.data(), static_cast<int>(name.size())) != 1) {
            ASN1_IA5STRING_free(dns);
            GENERAL_NAME_free(gn);
            return nullptr;
        }
        GENERAL_NAME_set0_value(gn, GEN_DNS, dns);
    }
    return gn;
}

Result<void> add_subject_alt_names(X509* cert, const std::vector<std::string>& names) {
    Owned<GENERAL_NAMES> list(GENERAL_NAMES_new());
    if (!list) return ssl_failure("out of memory");
    for (const auto& name : names) {
        GENERAL_NAME* gn = make_general_name(name);
        if (gn == nullptr) return ssl_failure("bad name " + name);
        if (sk_GENERAL_NAME_push(list.get(), gn) == 0) {
            GENERAL_NAME_free(gn);
            return ssl_failure("out of memory");
        }
    }
    if (X509_add1_ext_i2d(cert, NID_subject_alt_name, list.get(), 0, X509V3_ADD_DEFAULT) != 1)
        return ssl_failure("subjectAltName");
    return {};
}

// Extensions whose values OpenSSL derives itself (key identifiers) or that are fixed text.
Result<void> add_conf_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return ssl_failure(std::string("extension ") + value);
    return {};
}

Result<void> set_random_serial(X509* cert) {
    // RFC 5280 §4.1.2.2: positive, at most 20 octets; 127 random bits keep the top bit clear.
    Owned<BIGNUM> serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
        return ssl_failure("serial number");
    if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr)
        return ssl_failure("serial number");
    return {};
}

Result<std::string> to_pem(bool (*write)(BIO*, void*), void* object) {
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio || !write(bio.get(), object)) return ssl_failure("PEM encoding");
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(len));
}

}  // namespace

Result<void> generate_self_signed(const std::string& cert_path, const std::string& key_path,
                                  const std::vector<std::string>& names) {
    if (names.empty()) return make_error("certificate generation: no names given");
    Owned<EVP_PKEY> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) return ssl_failure("EC P-256 key");

    Owned<X509> cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1) return ssl_failure("out of memory");  // 2 = v3
    if (auto r = set_random_serial(cert.get()); !r) return r;
    // Backdated an hour so that a client whose clock runs a little behind accepts it at once.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), 3650, 0, nullptr);
    X509_NAME* subject = X509_get_subject_name(cert.get());
    const auto* cn = reinterpret_cast<const unsigned char*>(names.front().c_str());
    if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1) return ssl_failure("subject");
    X509_set_issuer_name(cert.get(), subject);
    if (X509_set_pubkey(cert.get(), key.get()) != 1) return ssl_failure("public key");

    if (auto r = add_conf_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"); !r) return r;
    if (auto r = add_conf_extension(cert.get(), NID_ext_key_usage, "serverAuth"); !r) return r;
    if (auto r = add_conf_extension(cert.get(), NID_subject_key_identifier, "hash"); !r) return r;
    if (auto r = add_conf_extension(cert.get(), NID_authority_key_identifier, "keyid:always"); !r) return r;
    if (auto r = add_subject_alt_names(cert.get(), names); !r) return r;
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return ssl_failure("signing");

    auto key_pem = to_pem(
        [](BIO* b, void* k) {
            return PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0, nullptr, nullptr) == 1;
        },
        key.get());
    if (!key_pem) return key_pem.error();
    auto cert_pem = to_pem([](BIO* b, void* c) { return PEM_write_bio_X509(b, static_cast<X509*>(c)) == 1; },
                           cert.get());
    if (!cert_pem) return cert_pem.error();

    if (auto r = files::write_atomic(key_path, *key_pem, 0600); !r) return r;
    if (auto r = files::write_atomic(cert_path, *cert_pem, 0644); !r) return r;
    return {};
}

}  // namespace roost::net
