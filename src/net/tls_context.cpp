// TlsContext::from_pem: the server SSL_CTX. Policy: TLS 1.2 or newer (RFC 8996 retires 1.0
// and 1.1), the server's cipher order, no TLS compression (CRIME), no renegotiation, and a
// server-side session cache so that clients reconnecting often (phones) resume cheaply.
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "net/tls_context_impl.hpp"

namespace roost::net {
namespace {

class OpenSslContext final : public TlsContext {
public:
    explicit OpenSslContext(SSL_CTX* ctx) : ctx_(ctx) {}
    ~OpenSslContext() override { SSL_CTX_free(ctx_); }
    OpenSslContext(const OpenSslContext&) = delete;
    OpenSslContext& operator=(const OpenSslContext&) = delete;
    SSL_CTX* ctx() const { return ctx_; }

private:
    SSL_CTX* ctx_;
};

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

Error tls_error(const std::string& what) {
    std::string detail = openssl_errors();
    return make_error(detail.empty() ? what : what + ": " + detail);
}

// Loads the leaf certificate and any intermediates that follow it in the same PEM text.
Result<void> use_certificate_chain(SSL_CTX* ctx, const std::string& cert_pem) {
    BioPtr bio(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
    if (!bio) return tls_error("out of memory");
    X509* leaf = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (leaf == nullptr) return tls_error("ssl_cert: no PEM certificate found");
    int ok = SSL_CTX_use_certificate(ctx, leaf);
    X509_free(leaf);
    if (ok != 1) return tls_error("ssl_cert: certificate rejected");
    while (X509* extra = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        if (SSL_CTX_add0_chain_cert(ctx, extra) != 1) {  // takes ownership on success
            X509_free(extra);
            return tls_error("ssl_cert: chain certificate rejected");
        }
    }
    ERR_clear_error();  // the loop above ends on a "no start line" error: expected
    return {};
}

Result<void> use_private_key(SSL_CTX* ctx, const std::string& key_pem) {
    BioPtr bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
    if (!bio) return tls_error("out of memory");
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (key == nullptr) return tls_error("ssl_key: no PEM private key found");
    int ok = SSL_CTX_use_PrivateKey(ctx, key);
    EVP_PKEY_free(key);
    if (ok != 1) return tls_error("ssl_key: key rejected");
    if (SSL_CTX_check_private_key(ctx) != 1) return tls_error("ssl_key does not match ssl_cert");
    return {};
}

}  // namespace

std::string openssl_errors() {
    std::string out;
    while (unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        if (!out.empty()) out += "; ";
        out += buf;
    }
    return out;
}

SSL_CTX* native_ssl_ctx(const TlsContext& context) {
    auto* impl = dynamic_cast<const OpenSslContext*>(&context);
    return impl != nullptr ? impl->ctx() : nullptr;
}

Result<std::shared_ptr<TlsContext>> TlsContext::from_pem(const std::string& cert_pem, const std::string& key_pem) {
    ERR_clear_error();
    SSL_CTX* raw = SSL_CTX_new(TLS_server_method());
    if (raw == nullptr) return tls_error("cannot create TLS context");
    auto context = std::make_shared<OpenSslContext>(raw);

    SSL_CTX_set_min_proto_version(raw, TLS1_2_VERSION);
    SSL_CTX_set_options(raw, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    // Buffers of idle connections are released: a mail server holds many idle IMAP sessions.
    SSL_CTX_set_mode(raw, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_session_cache_mode(raw, SSL_SESS_CACHE_SERVER);
    static const unsigned char kSessionContext[] = "roost";
    SSL_CTX_set_session_id_context(raw, kSessionContext, sizeof kSessionContext - 1);

    if (auto r = use_certificate_chain(raw, cert_pem); !r) return r.error();
    if (auto r = use_private_key(raw, key_pem); !r) return r.error();
    return std::shared_ptr<TlsContext>(std::move(context));
}

}  // namespace roost::net
