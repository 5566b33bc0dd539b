// `roostadm cert selfsigned --cert FILE --key FILE [NAME...]`: writes a self-signed
// certificate (EC P-256, ten years) naming NAME... in subjectAltName, as roostd does for its
// embedded default. For tests, demos and a first start before a real certificate exists.
#include <cstdio>
#include <string>
#include <vector>

#include "adm/commands.hpp"
#include "net/tls_context.hpp"

namespace roost::adm {
namespace {

constexpr const char* kUsage = "usage: roostadm cert selfsigned --cert FILE --key FILE [NAME...]\n";

}  // namespace

int cmd_cert(const std::optional<std::string>&, const Args& args) {
    if (args.empty() || args[0] != "selfsigned") {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::string cert, key;
    std::vector<std::string> names;
    for (size_t i = 1; i < args.size(); ++i) {
        if ((args[i] == "--cert" || args[i] == "--key") && i + 1 < args.size()) {
            (args[i] == "--cert" ? cert : key) = args[i + 1];
            ++i;
        } else if (!args[i].empty() && args[i][0] == '-') {
            std::fprintf(stderr, "roostadm cert: unknown option %s\n%s", args[i].c_str(), kUsage);
            return 2;
        } else {
            names.push_back(args[i]);
        }
    }
    if (cert.empty() || key.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (names.empty()) names = {"localhost", "127.0.0.1", "::1"};
    if (auto r = net::generate_self_signed(cert, key, names); !r) {
        std::fprintf(stderr, "roostadm: %s\n", r.error().message.c_str());
        return 1;
    }
    std::printf("wrote %s and %s (key mode 0600) for", cert.c_str(), key.c_str());
    for (const auto& name : names) std::printf(" %s", name.c_str());
    std::printf("\n");
    return 0;
}

}  // namespace roost::adm
