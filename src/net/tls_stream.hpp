// Private to net/: one server-side TLS session over memory BIOs. It never touches a socket:
// the connection feeds it ciphertext from the peer and sends whatever ciphertext it produces,
// which keeps OpenSSL's state machine independent of libuv's callbacks.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace roost::net {

class TlsStream {
public:
    enum class Status { Ok, PeerClosed, Failed };

    // A new session in the accept (server) state.
    static Result<std::unique_ptr<TlsStream>> create(SSL_CTX* ctx);
    ~TlsStream();
    TlsStream(const TlsStream&) = delete;
    TlsStream& operator=(const TlsStream&) = delete;

    // Ciphertext from the peer: advances the handshake, appends decrypted bytes to
    // `plaintext` and bytes for the peer (handshake messages, alerts, tickets) to `ciphertext`.
    // On Failed, `error` says why; `ciphertext` may still hold an alert worth sending.
    Status receive(std::string_view input, std::string& plaintext, std::string& ciphertext, std::string& error);

    // Plaintext for the peer. Before the handshake completes it is held back and encrypted
    // once it does (an implicit-TLS greeting is written by the session at accept time).
    // Returns false on an encryption error.
    bool send(std::string_view plaintext, std::string& ciphertext);

    // Appends a close_notify alert (RFC 8446 §6.1) when the handshake has completed.
    void shutdown(std::string& ciphertext);

    bool handshake_done() const { return handshake_done_; }
    size_t held_plaintext() const { return held_.size(); }
    // "TLSv1.3 TLS_AES_256_GCM_SHA384" once the handshake completed, for logs.
    std::string describe() const;

private:
    explicit TlsStream(SSL* ssl, BIO* rbio, BIO* wbio) : ssl_(ssl), rbio_(rbio), wbio_(wbio) {}
    void drain(std::string& ciphertext);
    bool encrypt(std::string_view plaintext);

    SSL* ssl_;
    BIO* rbio_;  // owned by ssl_
    BIO* wbio_;  // owned by ssl_
    bool handshake_done_ = false;
    std::string held_;
};

}  // namespace roost::net
