// TLS over memory BIOs: ciphertext in -> BIO_write(rbio) -> SSL_do_handshake / SSL_read loop;
// plaintext out -> SSL_write -> drain wbio. Memory BIOs grow without bound, so SSL_write
// never reports WANT_WRITE here and a single call consumes all the plaintext.
#include "net/tls_stream.hpp"

#include <openssl/err.h>

#include <algorithm>

#include "net/tls_context_impl.hpp"

namespace roost::net {

Result<std::unique_ptr<TlsStream>> TlsStream::create(SSL_CTX* ctx) {
    if (ctx == nullptr) return make_error("no TLS context");
    SSL* ssl = SSL_new(ctx);
    if (ssl == nullptr) return make_error("SSL_new: " + openssl_errors());
    BIO* rbio = BIO_new(BIO_s_mem());
    BIO* wbio = BIO_new(BIO_s_mem());
    if (rbio == nullptr || wbio == nullptr) {
        BIO_free(rbio);
        BIO_free(wbio);
        SSL_free(ssl);
        return make_error("out of memory");
    }
    // An empty read BIO means "no data yet", not end of file.
    BIO_set_mem_eof_return(rbio, -1);
    SSL_set_bio(ssl, rbio, wbio);
    SSL_set_accept_state(ssl);
    return std::unique_ptr<TlsStream>(new TlsStream(ssl, rbio, wbio));
}

TlsStream::~TlsStream() { SSL_free(ssl_); }

void TlsStream::drain(std::string& ciphertext) {
    char* data = nullptr;
    long len = BIO_get_mem_data(wbio_, &data);
    if (len > 0) {
        ciphertext.append(data, static_cast<size_t>(len));
        (void)BIO_reset(wbio_);
    }
}

bool TlsStream::encrypt(std::string_view plaintext) {
    while (!plaintext.empty()) {
        int n = SSL_write(ssl_, plaintext.data(), static_cast<int>(std::min<size_t>(plaintext.size(), 1 << 30)));
        if (n <= 0) return false;
        plaintext.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

TlsStream::Status TlsStream::receive(std::string_view input, std::string& plaintext, std::string& ciphertext,
                                     std::string& error) {
    ERR_clear_error();
    if (!input.empty() && BIO_write(rbio_, input.data(), static_cast<int>(input.size())) != static_cast<int>(input.size())) {
        error = "BIO_write failed";
        return Status::Failed;
    }
    if (!handshake_done_) {
        int rc = SSL_do_handshake(ssl_);
        if (rc == 1) {
            handshake_done_ = true;
            std::string held;
            held.swap(held_);
            if (!encrypt(held)) {
                error = "SSL_write: " + openssl_errors();
                drain(ciphertext);
                return Status::Failed;
            }
        } else {
            int err = SSL_get_error(ssl_, rc);
            drain(ciphertext);
            if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return Status::Ok;
            std::string detail = openssl_errors();
            error = "SSL_accept() failed: " + (detail.empty() ? std::string("peer closed the connection") : detail);
            return Status::Failed;
        }
    }
    char buf[16384];
    for (;;) {
        int n = SSL_read(ssl_, buf, sizeof buf);
        if (n > 0) {
            plaintext.append(buf, static_cast<size_t>(n));
            continue;
        }
        int err = SSL_get_error(ssl_, n);
        drain(ciphertext);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return Status::Ok;
        if (err == SSL_ERROR_ZERO_RETURN) return Status::PeerClosed;
        error = "SSL_read() failed: " + openssl_errors();
        return Status::Failed;
    }
}

bool TlsStream::send(std::string_view plaintext, std::string& ciphertext) {
    if (!handshake_done_) {
        held_.append(plaintext);
        return true;
    }
    ERR_clear_error();
    bool ok = encrypt(plaintext);
    drain(ciphertext);
    return ok;
}

void TlsStream::shutdown(std::string& ciphertext) {
    if (!handshake_done_) return;
    ERR_clear_error();
    (void)SSL_shutdown(ssl_);
    ERR_clear_error();
    drain(ciphertext);
}

std::string TlsStream::describe() const {
    if (!handshake_done_) return "TLS handshaking";
    return std::string(SSL_get_version(ssl_)) + " " + SSL_get_cipher_name(ssl_);
}

}  // namespace roost::net
