#include "storage/maildir/maildir_folder.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/files.hpp"
#include "base/log.hpp"
#include "mail/message.hpp"

namespace roost::storage::maildir {
namespace {

std::string errno_text(std::string_view what, const std::string& path) {
    return std::string(what) + " " + path + ": " + std::strerror(errno);
}

// Entries of one directory, without "." / ".." / dotfiles (Maildir reserves them).
SResult<std::vector<std::string>> list_dir(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return io_failure(errno_text("cannot open directory", dir));
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.') continue;
        names.emplace_back(e->d_name);
    }
    ::closedir(d);
    return names;
}

// Dovecot escapes '/' and ':' in the host part; ',' is escaped too because it starts the
// ,S= / ,W= fields of the base.
std::string safe_hostname() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "localhost";
    std::string out;
    for (const char* p = host; *p; ++p) {
        switch (*p) {
            case '/': out += "\\057"; break;
            case ':': out += "\\072"; break;
            case ',': out += "\\054"; break;
            default: out += *p;
        }
    }
    return out;
}

Failure write_failure(const std::string& path, int fd) {
    Failure f = io_failure(errno_text("cannot write", path));
    ::close(fd);
    ::unlink(path.c_str());
    return f;
}

}  // namespace

Failure io_failure(std::string message) {
    log::error("storage", message);
    return Failure{ErrorCode::Io, std::move(message)};
}

SResult<void> create_folder_dirs(const std::string& folder, bool maildirfolder_marker) {
    for (const char* sub : {"cur", "new", "tmp"}) {
        if (auto r = files::make_dirs(folder + "/" + sub); !r) return io_failure(r.error().message);
    }
    if (maildirfolder_marker) {
        std::string marker = folder + "/maildirfolder";
        int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) return io_failure(errno_text("cannot create", marker));
        ::close(fd);
    }
    auto slash = folder.rfind('/');
    if (slash != std::string::npos && slash > 0) (void)files::fsync_dir(folder.substr(0, slash));
    return {};
}

bool is_real_directory(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool folder_exists(const std::string& folder) { return is_real_directory(folder + "/cur"); }

std::string folder_path(const std::string& root, const FolderName& name) {
    return name.is_inbox() ? root : root + "/" + name.dir_name;
}

SResult<FolderName> existing_folder(const std::string& root, std::string_view name) {
    auto resolved = resolve_folder_name(name);
    if (!resolved) return resolved.error();
    const std::string path = folder_path(root, *resolved);
    if (!folder_exists(path) || (!resolved->is_inbox() && !is_real_directory(path)))
        return Failure{ErrorCode::NotFound, "mailbox " + resolved->name + " does not exist"};
    return resolved;
}

void move_new_to_cur(const std::string& folder) {
    auto names = list_dir(folder + "/new");
    if (!names) return;
    for (const auto& name : *names) {
        auto parsed = parse_maildir_filename(name);
        if (!parsed) continue;
        std::string target = parsed->has_info ? name : name + ":2,";
        std::string from = folder + "/new/" + name;
        std::string to = folder + "/cur/" + target;
        // RENAME_NOREPLACE: never overwrite a message that already owns the target name.
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0 && errno != ENOENT) {
            log::warning("storage", errno_text("cannot move to cur/", from));
        }
    }
}

SResult<std::vector<DiskMessage>> scan_messages(const std::string& folder) {
    std::map<std::string, DiskMessage> by_base;
    // new/ first, so a cur/ entry with the same base replaces it.
    for (const char* sub : {"new", "cur"}) {
        std::string dir = folder + "/" + sub;
        auto names = list_dir(dir);
        if (!names) return names.error();
        for (auto& name : *names) {
            auto parsed = parse_maildir_filename(name);
            if (!parsed) {
                log::warning("storage", "ignoring file with a malformed Maildir name: " + dir + "/" + name);
                continue;
            }
            // lstat: a symlink could point at a file outside the Maildir (another user's
            // mail, /etc/shadow); Roost serves only regular files that live here.
            struct stat st {};
            if (::lstat((dir + "/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
            DiskMessage m;
            m.subdir = sub;
            m.file_name = std::move(name);
            m.mtime = static_cast<int64_t>(st.st_mtime);
            m.file_size = static_cast<uint64_t>(st.st_size);
            std::string base = parsed->base;
            m.parsed = std::move(*parsed);
            by_base[base] = std::move(m);
        }
    }
    std::vector<DiskMessage> out;
    out.reserve(by_base.size());
    for (auto& [base, m] : by_base) out.push_back(std::move(m));
    return out;
}

ContentMeasure measure_content(std::string_view content) {
    // to_crlf keeps the last octet an LF exactly when the file's last octet is one (a lone
    // CR stays a CR), so the stored file answers for the served form.
    return ContentMeasure{static_cast<uint64_t>(mail::crlf_size(content)), content.empty() || content.back() == '\n'};
}

SResult<bool> file_ends_with_newline(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Failure{ErrorCode::NoSuchMessage, errno_text("cannot open", path)};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        Failure f = io_failure(errno_text("cannot stat", path));
        ::close(fd);
        return f;
    }
    char last = '\n';  // an empty file ends at a line start
    if (st.st_size > 0) {
        ssize_t n = 0;
        do {
            n = ::pread(fd, &last, 1, st.st_size - 1);
        } while (n < 0 && errno == EINTR);
        if (n != 1) {
            Failure f = io_failure(errno_text("cannot read", path));
            ::close(fd);
            return f;
        }
    }
    ::close(fd);
    return last == '\n';
}

SResult<ContentMeasure> measure_file(const std::string& path, std::optional<uint64_t> known_crlf_size) {
    if (known_crlf_size) {
        auto ends = file_ends_with_newline(path);
        if (!ends) return ends.error();
        return ContentMeasure{*known_crlf_size, *ends};
    }
    auto content = files::read_all(path);
    if (!content) return Failure{ErrorCode::NoSuchMessage, content.error().message};
    return measure_content(*content);
}

std::string make_unique_base(uint64_t file_size, uint64_t crlf_size) {
    static std::atomic<unsigned> counter{0};
    struct timeval tv {};
    ::gettimeofday(&tv, nullptr);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%lld.M%ldP%ldQ%u.", static_cast<long long>(tv.tv_sec),
                  static_cast<long>(tv.tv_usec), static_cast<long>(::getpid()), ++counter);
    return std::string(buf) + safe_hostname() + ",S=" + std::to_string(file_size) + ",W=" + std::to_string(crlf_size);
}

SResult<std::string> deliver_message(const std::string& folder, std::string_view message, uint32_t flags,
                                     int64_t internal_date) {
    const uint64_t crlf = mail::crlf_size(message);
    std::string base;
    std::string tmp_path;
    int fd = -1;
    // O_EXCL: a name is ours only if we created it (the counter makes a clash unlikely, this
    // makes it impossible).
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        base = make_unique_base(message.size(), crlf);
        tmp_path = folder + "/tmp/" + base;
        fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) return io_failure(errno_text("cannot create", tmp_path));
    }
    if (fd < 0) return io_failure("cannot find a unique name in " + folder + "/tmp");
    size_t off = 0;
    while (off < message.size()) {
        ssize_t n = ::write(fd, message.data() + off, message.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return write_failure(tmp_path, fd);
        }
        off += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) return write_failure(tmp_path, fd);
    // INTERNALDATE is the file's mtime (what Dovecot reports for Maildir).
    struct timespec times[2] = {{static_cast<time_t>(internal_date), 0}, {static_cast<time_t>(internal_date), 0}};
    if (::futimens(fd, times) != 0) return write_failure(tmp_path, fd);
    ::close(fd);
    std::string final_path = folder + "/cur/" + build_maildir_filename(base, flags, "");
    if (::rename(tmp_path.c_str(), final_path.c_str()) != 0) {
        Failure f = io_failure(errno_text("cannot rename into", final_path));
        ::unlink(tmp_path.c_str());
        return f;
    }
    if (auto r = files::fsync_dir(folder + "/cur"); !r) return io_failure(r.error().message);
    return base;
}

}  // namespace roost::storage::maildir
