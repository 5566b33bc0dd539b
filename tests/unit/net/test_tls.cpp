// TLS: the generated certificate, TlsContext::from_pem, implicit TLS (IMAPS/POP3S) and
// STARTTLS/STLS upgrades, checked with a real OpenSSL client that verifies the certificate
// and the name the way curl, mbsync and fetchmail do.
#include <catch2/catch.hpp>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <thread>

#include "base/files.hpp"
#include "net/listener.hpp"
#include "net/tls_context.hpp"
#include "net_test_support.hpp"

using namespace roost::net;
using namespace roost::net::test;

namespace {

struct CertFiles {
    TempDir dir;
    std::string cert, key;
    std::shared_ptr<TlsContext> context;

    CertFiles() {
        cert = dir.path() + "/cert.pem";
        key = dir.path() + "/key.pem";
        auto made = generate_self_signed(cert, key, {"localhost", "127.0.0.1", "::1"});
        REQUIRE(made.ok());
        auto cert_pem = roost::files::read_all(cert);
        auto key_pem = roost::files::read_all(key);
        REQUIRE(cert_pem.ok());
        REQUIRE(key_pem.ok());
        auto ctx = TlsContext::from_pem(*cert_pem, *key_pem);
        REQUIRE(ctx.ok());
        context = *ctx;
    }
};

X509* load_cert(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "r");
    if (f == nullptr) return nullptr;
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    return cert;
}

// A verifying TLS client on a blocking socket. `expect_ip` selects IP-address verification
// (curl to 127.0.0.1) instead of a host name.
class TlsClient {
public:
    TlsClient(const std::string& ca_file) : ctx_(SSL_CTX_new(TLS_client_method())) {
        SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
        SSL_CTX_load_verify_locations(ctx_, ca_file.c_str(), nullptr);
    }
    ~TlsClient() {
        if (ssl_ != nullptr) SSL_free(ssl_);
        SSL_CTX_free(ctx_);
    }
    bool handshake(int fd, const std::string& name, bool name_is_ip) {
        ssl_ = SSL_new(ctx_);
        SSL_set_fd(ssl_, fd);
        if (name_is_ip) {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), name.c_str());
        } else {
            SSL_set1_host(ssl_, name.c_str());
            SSL_set_tlsext_host_name(ssl_, name.c_str());
        }
        if (SSL_connect(ssl_) != 1) {
            error = "SSL_connect failed, verify result " + std::to_string(SSL_get_verify_result(ssl_));
            return false;
        }
        return true;
    }
    bool write(std::string_view data) { return SSL_write(ssl_, data.data(), static_cast<int>(data.size())) > 0; }
    std::string read(size_t size) {
        std::string out;
        char buf[4096];
        while (out.size() < size) {
            int n = SSL_read(ssl_, buf, static_cast<int>(std::min(sizeof buf, size - out.size())));
            if (n <= 0) break;
            out.append(buf, static_cast<size_t>(n));
        }
        return out;
    }
    // True when the server ended the session with close_notify (RFC 8446 §6.1).
    bool read_close_notify() {
        char c;
        int n = SSL_read(ssl_, &c, 1);
        return n == 0 && SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN;
    }
    std::string error;

private:
    SSL_CTX* ctx_;
    SSL* ssl_ = nullptr;
};

struct TlsServer {
    Loop loop;
    std::unique_ptr<Listener> listener;
    std::shared_ptr<ScriptedSink> sink = std::make_shared<ScriptedSink>();

    void listen(bool implicit_tls, std::shared_ptr<TlsContext> tls, std::function<void(Connection&, ScriptedSink&)> setup) {
        auto opened = Listener::open(loop, ListenSpec{"127.0.0.1", 0, implicit_tls, "test"}, std::move(tls),
                                     [this, setup](Connection& c) -> std::shared_ptr<ByteSink> {
                                         setup(c, *sink);
                                         return sink;
                                     });
        REQUIRE(opened.ok());
        listener = std::move(opened.value());
    }
};

}  // namespace

TEST_CASE("generate_self_signed names every host in subjectAltName, for ten years", "[net][tls]") {
    // RFC 6125 §6.4: clients match the SAN dNSName / iPAddress entries. The embedded default
    // certificate must satisfy clients pointed at localhost, 127.0.0.1 and ::1.
    CertFiles files;
    X509* cert = load_cert(files.cert);
    REQUIRE(cert != nullptr);
    CHECK(X509_check_host(cert, "localhost", 0, 0, nullptr) == 1);
    CHECK(X509_check_ip_asc(cert, "127.0.0.1", 0) == 1);
    CHECK(X509_check_ip_asc(cert, "::1", 0) == 1);
    CHECK(X509_check_host(cert, "example.com", 0, 0, nullptr) != 1);
    char cn[256] = "";
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
    CHECK(std::string(cn) == "localhost");
    int days = 0, seconds = 0;
    REQUIRE(ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(cert)) == 1);
    CHECK(days > 3640);
    CHECK(EVP_PKEY_get_base_id(X509_get0_pubkey(cert)) == EVP_PKEY_EC);
    X509_free(cert);

    struct stat st {};
    REQUIRE(::stat(files.key.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);  // the private key is readable by its owner only
    REQUIRE(::stat(files.cert.c_str(), &st) == 0);
    CHECK((st.st_mode & 0600) == 0600);
    CHECK((st.st_mode & 0022) == 0);  // nobody else may replace the certificate
}

TEST_CASE("TlsContext::from_pem rejects garbage and a key that does not match", "[net][tls]") {
    CertFiles first;
    TempDir other;
    REQUIRE(generate_self_signed(other.path() + "/c.pem", other.path() + "/k.pem", {"other"}).ok());
    auto cert = roost::files::read_all(first.cert);
    auto wrong_key = roost::files::read_all(other.path() + "/k.pem");
    REQUIRE(cert.ok());
    REQUIRE(wrong_key.ok());
    CHECK_FALSE(TlsContext::from_pem(*cert, *wrong_key).ok());
    CHECK_FALSE(TlsContext::from_pem("not a certificate", *wrong_key).ok());
    CHECK_FALSE(TlsContext::from_pem(*cert, "").ok());
    CHECK_FALSE(generate_self_signed(other.path() + "/x.pem", other.path() + "/y.pem", {}).ok());
}

TEST_CASE("implicit TLS: a greeting written before the handshake arrives after it", "[net][tls]") {
    // IMAPS/POP3S (RFC 8314 §3.3): the session writes "* OK" as soon as it exists, while the
    // handshake has not even begun; those bytes must go out encrypted once it completes.
    CertFiles files;
    TlsServer server;
    Watchdog watchdog(server.loop, 4000);
    bool active_at_accept = false;
    server.listen(true, files.context, [&](Connection& c, ScriptedSink& sink) {
        active_at_accept = c.tls_active();
        c.write("* OK ready\r\n");
        sink.bytes = [&c](std::string_view data) {
            if (data == "ping\r\n") {
                c.write("pong\r\n");
                c.close();
            }
        };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string greeting, reply, error;
    bool close_notify = false;
    std::thread client([&, port = server.listener->bound_port()] {
        int fd = connect_loopback(port);
        TlsClient tls(files.cert);
        if (fd >= 0 && tls.handshake(fd, "localhost", false)) {
            greeting = tls.read(12);
            tls.write("ping\r\n");
            reply = tls.read(6);
            close_notify = tls.read_close_notify();
        }
        error = tls.error;
        if (fd >= 0) ::close(fd);
    });
    server.loop.run();
    client.join();
    INFO(error);
    CHECK_FALSE(watchdog.fired);
    CHECK(active_at_accept);
    CHECK(greeting == "* OK ready\r\n");
    CHECK(reply == "pong\r\n");
    CHECK(close_notify);
    CHECK(server.sink->closes == 1);
}

TEST_CASE("start_tls upgrades a plaintext connection after a plaintext exchange", "[net][tls]") {
    // RFC 3501 §6.2.1 / RFC 2595 §4: the tagged OK to STARTTLS goes out in plaintext, then
    // the handshake starts; anything the server writes after that is encrypted.
    CertFiles files;
    TlsServer server;
    Watchdog watchdog(server.loop, 4000);
    bool available = false, active_before = true, first_start = false, second_start = true;
    server.listen(false, files.context, [&](Connection& c, ScriptedSink& sink) {
        available = c.tls_available();
        active_before = c.tls_active();
        c.write("* OK plain\r\n");
        sink.bytes = [&](std::string_view data) {
            if (!c.tls_active()) {
                if (data == "STARTTLS\r\n") {
                    c.write("OK go\r\n");
                    first_start = c.start_tls();
                    second_start = c.start_tls();
                    c.write("* after\r\n");
                }
            } else {
                c.write(std::string(data));
            }
        };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string greeting, go, after, echo, error;
    std::thread client([&, port = server.listener->bound_port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        greeting = recv_bytes(fd, 12);
        send_all(fd, "STARTTLS\r\n");
        go = recv_bytes(fd, 7);
        TlsClient tls(files.cert);
        if (tls.handshake(fd, "127.0.0.1", true)) {
            after = tls.read(9);
            tls.write("secret\r\n");
            echo = tls.read(8);
        }
        error = tls.error;
        ::close(fd);
    });
    server.loop.run();
    client.join();
    INFO(error);
    CHECK_FALSE(watchdog.fired);
    CHECK(available);
    CHECK_FALSE(active_before);
    CHECK(first_start);
    CHECK_FALSE(second_start);  // already active
    CHECK(greeting == "* OK plain\r\n");
    CHECK(go == "OK go\r\n");
    CHECK(after == "* after\r\n");
    CHECK(echo == "secret\r\n");
    CHECK(server.sink->received == "STARTTLS\r\nsecret\r\n");
    CHECK(server.sink->closes == 1);
}

TEST_CASE("a failed TLS handshake closes the connection without reaching the session", "[net][tls]") {
    // A plaintext client on the IMAPS port: log, alert, close; the session sees no bytes.
    CertFiles files;
    TlsServer server;
    Watchdog watchdog(server.loop, 4000);
    server.listen(true, files.context, [&](Connection& c, ScriptedSink& sink) {
        c.write("* OK never sent in plaintext\r\n");
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string got;
    bool eof = false;
    std::thread client([&, port = server.listener->bound_port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        send_all(fd, "a001 CAPABILITY\r\n\r\n\r\n");
        got = recv_to_eof(fd, eof);
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(eof);
    CHECK(got.find("* OK") == std::string::npos);
    CHECK(server.sink->received.empty());
    CHECK(server.sink->closes == 1);
}

TEST_CASE("TLS carries a megabyte each way intact", "[net][tls]") {
    // A large APPEND literal in and a large FETCH BODY[] out: many TLS records each way,
    // split across reads and writes at arbitrary points.
    CertFiles files;
    TlsServer server;
    Watchdog watchdog(server.loop, 4000);
    const size_t size = 1 << 20;
    server.listen(true, files.context, [&](Connection& c, ScriptedSink& sink) {
        sink.bytes = [&c, &sink, size](std::string_view) {
            if (sink.received.size() == size) {
                for (size_t off = 0; off < size; off += 1000) c.write(sink.received.substr(off, 1000));
            }
        };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string payload(size, '\0');
    for (size_t i = 0; i < size; ++i) payload[i] = static_cast<char>((i * 7919) >> 3);
    std::string echoed, error;
    std::thread client([&, port = server.listener->bound_port()] {
        int fd = connect_loopback(port);
        TlsClient tls(files.cert);
        if (fd >= 0 && tls.handshake(fd, "localhost", false)) {
            tls.write(payload);
            echoed = tls.read(size);
        }
        error = tls.error;
        if (fd >= 0) ::close(fd);
    });
    server.loop.run();
    client.join();
    INFO(error);
    CHECK_FALSE(watchdog.fired);
    CHECK(echoed.size() == size);
    CHECK(echoed == payload);
}
