/*
 * berth-client: the native front of the berth command.
 *
 * Starting a JVM and loading berth's classes costs most of a short berth command's time. The launcher (./berth)
 * therefore keeps one berth JVM per user and installation running (`berth cli-server`) and runs this small program
 * instead of `java -jar`. It sends the server one request -- protocol version, the identity of the berth.jar it
 * expects, working directory, arguments, the whole environment, which of fds 0/1/2 are terminals, the terminal's
 * size and the locale's codeset -- then relays: frames of standard output and error to fds 1 and 2, standard input
 * when the command asks for it, and SIGINT/SIGTERM/SIGHUP to the server, until the exit frame, whose code it exits
 * with. The protocol is described in docs/design/cli-server.md and implemented on the Java side in
 * dev.berth.cli.server.
 *
 * Usage: berth-client --jar JAR [--socket PATH] [--launcher PATH] [--socket-path] -- ARGS...
 *   --jar JAR        the berth.jar whose server to use: its identity goes into the request and, without --socket,
 *                    its path chooses the socket
 *   --socket PATH    the server's socket (default: see socket_for_jar)
 *   --launcher PATH  when the request cannot run here, exec PATH ARGS... with BERTH_CLIENT_REFUSED set to why
 *                    (absent, stale, own-process, unsafe) instead of exiting with the codes below
 *   --socket-path    print the socket path and exit
 *
 * Exit codes before the command runs (when there is no --launcher): 111 no server answers, 112 the server runs
 * another build (or protocol) of berth, or berth's sources changed since it was built, 113 the command needs a process of its own, 114 the socket directory or the
 * server is not this user's. Afterwards: the command's exit code; 128+N when the connection ends after signal N was
 * forwarded; 70 when the server ends the connection without an exit code.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

enum { PROTOCOL_VERSION = 1 };
enum { EXIT_NO_SERVER = 111, EXIT_STALE = 112, EXIT_OWN_PROCESS = 113, EXIT_UNSAFE = 114, EXIT_LOST = 70,
       EXIT_USAGE = 2 };
/* Refusal reasons, the first byte of a REFUSED payload (dev.berth.cli.server.Refusal). */
enum { REFUSED_VERSION = 1, REFUSED_JAR = 2, REFUSED_OWN_PROCESS = 3, REFUSED_SHUTTING_DOWN = 4,
       REFUSED_SOURCES_CHANGED = 5 };
/* Frame types (dev.berth.cli.server.FrameType). */
enum { F_REQUEST = 'Q', F_STDIN = 'i', F_SIGNAL = 's', F_ACCEPTED = 'A', F_REFUSED = 'R', F_STDOUT = 'o',
       F_STDERR = 'e', F_READ = 'r', F_EXIT = 'x' };
enum { MAX_PAYLOAD = 16 << 20, MAX_STDIN_CHUNK = 64 * 1024 };

static const char *launcher;   /* --launcher, or NULL */
static char **command_args;    /* the arguments after "--" */
static int command_argc;

static void fail(int code, const char *format, ...) __attribute__((noreturn, format(printf, 2, 3)));

static void fail(int code, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    fputs("berth: ", stderr);
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(code);
}

/*
 * The request cannot run in a server: with a launcher, hand the command line back to it with the reason in
 * BERTH_CLIENT_REFUSED (it starts or restarts the server, or runs berth with java); else exit with `code`.
 */
static void refused(const char *reason, int code) __attribute__((noreturn));

static void refused(const char *reason, int code) {
    if (launcher == NULL) {
        exit(code);
    }
    signal(SIGPIPE, SIG_DFL); /* ignored while relaying; the launcher and its children get the default back */
    char **argv = calloc((size_t) command_argc + 2, sizeof *argv);
    if (argv == NULL) {
        fail(EXIT_LOST, "out of memory");
    }
    argv[0] = (char *) launcher;
    memcpy(argv + 1, command_args, (size_t) command_argc * sizeof *argv);
    setenv("BERTH_CLIENT_REFUSED", reason, 1);
    execv(launcher, argv);
    fail(code, "cannot run the launcher %s: %s", launcher, strerror(errno));
}

/* ---- a growable byte buffer, for building the request ------------------------------------------------------ */

struct buffer {
    unsigned char *data;
    size_t length, capacity;
};

static void put(struct buffer *b, const void *bytes, size_t n) {
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + n) {
            capacity *= 2;
        }
        b->data = realloc(b->data, capacity);
        if (b->data == NULL) {
            fail(EXIT_LOST, "out of memory");
        }
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, n);
    b->length += n;
}

static void put_u8(struct buffer *b, unsigned v) {
    unsigned char byte = (unsigned char) v;
    put(b, &byte, 1);
}

static void put_u16(struct buffer *b, unsigned v) {
    unsigned char bytes[2] = {(unsigned char) (v >> 8), (unsigned char) v};
    put(b, bytes, 2);
}

static void put_u32(struct buffer *b, uint32_t v) {
    unsigned char bytes[4] = {(unsigned char) (v >> 24), (unsigned char) (v >> 16), (unsigned char) (v >> 8),
                              (unsigned char) v};
    put(b, bytes, 4);
}

/* A string on the wire: u32 length, then its bytes (no terminating NUL). */
static void put_str(struct buffer *b, const char *s) {
    size_t n = strlen(s);
    put_u32(b, (uint32_t) n);
    put(b, s, n);
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | (uint32_t) p[3];
}

/* ---- raw I/O that survives EINTR (our signal handlers interrupt system calls) ------------------------------ */

/* Writes all of `data` (waiting when fd was left non-blocking by someone else); returns 0, or -1 with errno set. */
static int write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd writable = {.fd = fd, .events = POLLOUT};
                poll(&writable, 1, -1);
                continue;
            }
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

/* Reads exactly n bytes; returns 1, 0 on end of file before the first byte, -1 on error or a truncated read. */
static int read_all(int fd, void *data, size_t n) {
    char *p = data;
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(fd, p + done, n - done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return done == 0 && r == 0 ? 0 : -1;
        }
        done += (size_t) r;
    }
    return 1;
}

/* ---- frames: u8 type, u32 big-endian length, payload --------------------------------------------------------- */

static void send_frame(int sock, int type, const void *payload, size_t n) {
    unsigned char header[5] = {(unsigned char) type, (unsigned char) (n >> 24), (unsigned char) (n >> 16),
                               (unsigned char) (n >> 8), (unsigned char) n};
    if (write_all(sock, header, sizeof header) < 0 || write_all(sock, payload, n) < 0) {
        /* the server has gone: the frame loop sees the end of the connection and reports it */
    }
}

struct frame {
    int type;
    unsigned char *payload; /* malloc'ed, NUL-terminated for convenience */
    size_t length;
};

/* Reads one frame; returns 1, or 0 when the connection ended (cleanly or not). */
static int receive_frame(int sock, struct frame *f) {
    unsigned char header[5];
    if (read_all(sock, header, sizeof header) != 1) {
        return 0;
    }
    uint32_t n = get_u32(header + 1);
    if (n > MAX_PAYLOAD) {
        return 0;
    }
    f->type = header[0];
    f->length = n;
    f->payload = malloc((size_t) n + 1);
    if (f->payload == NULL) {
        fail(EXIT_LOST, "out of memory");
    }
    f->payload[n] = '\0';
    if (n > 0 && read_all(sock, f->payload, n) != 1) {
        free(f->payload);
        return 0;
    }
    return 1;
}

/* ---- where the server is ------------------------------------------------------------------------------------ */

/* 64-bit FNV-1a, as dev.berth.cli.server.FileNames.fnv1a64. */
static uint64_t fnv1a64(const char *s) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        hash ^= (unsigned char) *s;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

/* Whether `path` is a real directory of this user (not a link). */
static int owned_directory(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid();
}

/*
 * The server's socket for `jar`: cli-<hash of the jar's path>.sock in $XDG_RUNTIME_DIR/berth when that runtime
 * directory is this user's, else in /tmp/berth-<uid> (dev.berth.cli.server.ServerPaths decides the same way).
 */
static void socket_for_jar(const char *jar, char *out, size_t size) {
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    char dir[PATH_MAX];
    if (runtime != NULL && runtime[0] == '/' && owned_directory(runtime)) {
        snprintf(dir, sizeof dir, "%s/berth", runtime);
    } else {
        snprintf(dir, sizeof dir, "/tmp/berth-%u", (unsigned) geteuid());
    }
    if ((size_t) snprintf(out, size, "%s/cli-%016llx.sock", dir, (unsigned long long) fnv1a64(jar)) >= size) {
        fail(EXIT_USAGE, "the socket path for %s is too long", jar);
    }
}

/*
 * The directory holding the socket must be this user's and closed to others: a request carries the whole
 * environment, which must not go to a socket somebody else could have put there.
 */
static void check_socket_directory(const char *socket_path) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", socket_path);
    char *slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir) {
        fail(EXIT_USAGE, "the socket %s must be an absolute path in a directory of its own", socket_path);
    }
    *slash = '\0';
    struct stat st;
    if (lstat(dir, &st) != 0) {
        refused("absent", EXIT_NO_SERVER); /* no directory yet: no server yet */
    }
    if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
        fprintf(stderr, "berth: not using the CLI server: %s is not a directory of uid %u closed to others "
                        "(owner %u, mode %o); remove it to let berth create its own\n",
                dir, (unsigned) geteuid(), (unsigned) st.st_uid, (unsigned) (st.st_mode & 07777));
        refused("unsafe", EXIT_UNSAFE);
    }
}

static int connect_to(const char *path) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) {
        fail(EXIT_USAGE, "the socket path %s is too long for a unix socket", path);
    }
    strcpy(address.sun_path, path);
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0) {
        fail(EXIT_LOST, "cannot create a socket: %s", strerror(errno));
    }
    if (connect(sock, (struct sockaddr *) &address, sizeof address) != 0) {
        refused("absent", EXIT_NO_SERVER);
    }
    /* the peer must run as this user too (the server checks the same of us) */
    struct ucred peer;
    socklen_t length = sizeof peer;
    if (getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 || peer.uid != geteuid()) {
        fprintf(stderr, "berth: not using the CLI server at %s: it does not run as uid %u\n", path,
                (unsigned) geteuid());
        refused("unsafe", EXIT_UNSAFE);
    }
    return sock;
}

/* ---- the request -------------------------------------------------------------------------------------------- */

/* path:inode:size:mtime-in-ms of the jar, as dev.berth.cli.server.JarIdentity computes it. */
static void jar_identity(const char *jar, char *out, size_t size) {
    struct stat st;
    if (stat(jar, &st) != 0) {
        fail(EXIT_USAGE, "cannot read %s: %s", jar, strerror(errno));
    }
    long long millis = (long long) st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
    snprintf(out, size, "%s:%llu:%lld:%lld", jar, (unsigned long long) st.st_ino, (long long) st.st_size, millis);
}

static void build_request(struct buffer *b, const char *identity) {
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL) {
        fail(EXIT_USAGE, "cannot tell the working directory: %s", strerror(errno));
    }
    /* the codeset a JVM started here would encode text in (the JVM asks nl_langinfo the same way) */
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);

    struct winsize size = {0};
    int fds[] = {STDOUT_FILENO, STDERR_FILENO, STDIN_FILENO};
    for (size_t i = 0; i < 3 && size.ws_col == 0; i++) {
        if (ioctl(fds[i], TIOCGWINSZ, &size) != 0) {
            size.ws_col = size.ws_row = 0;
        }
    }
    put_u32(b, PROTOCOL_VERSION);
    put_str(b, identity);
    put_str(b, codeset ? codeset : "");
    put_str(b, cwd);
    put_u8(b, (isatty(STDIN_FILENO) ? 1u : 0u) | (isatty(STDOUT_FILENO) ? 2u : 0u) | (isatty(STDERR_FILENO) ? 4u : 0u));
    put_u16(b, size.ws_col);
    put_u16(b, size.ws_row);
    put_u32(b, (uint32_t) command_argc);
    for (int i = 0; i < command_argc; i++) {
        put_str(b, command_args[i]);
    }
    /* the whole environment, minus the launcher's own hand-over variables */
    uint32_t count = 0;
    for (char **e = environ; *e; e++) {
        count += strncmp(*e, "BERTH_CLIENT_", 13) != 0;
    }
    put_u32(b, count);
    for (char **e = environ; *e; e++) {
        if (strncmp(*e, "BERTH_CLIENT_", 13) != 0) {
            put_str(b, *e);
        }
    }
}

/* ---- signals: written to a pipe by the handler, forwarded by the main loop ---------------------------------- */

static int signal_pipe[2];

static void on_signal(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char) signo;
    ssize_t ignored = write(signal_pipe[1], &byte, 1);
    (void) ignored;
    errno = saved;
}

static void forward_signals(void) {
    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        fail(EXIT_LOST, "cannot create a pipe: %s", strerror(errno));
    }
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    int forwarded[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) {
        sigaction(forwarded[i], &action, NULL);
    }
    /* like the JVM: a closed stdout pipe is a failed write, not a death */
    signal(SIGPIPE, SIG_IGN);
}

/* ---- relaying ----------------------------------------------------------------------------------------------- */

/*
 * Relays until the exit frame. Standard input is read only when the server asks (a READ frame), so a command that
 * never reads it leaves typed-ahead input alone, as a JVM of its own would.
 */
static int relay(int sock, const char *socket_path) {
    size_t wanted = 0;          /* bytes of stdin the server waits for; 0: none asked */
    int last_signal = 0;        /* the last signal forwarded */
    int stdout_open = 1;        /* after EPIPE, stdout is discarded (as System.out does) */
    static unsigned char chunk[MAX_STDIN_CHUNK];
    for (;;) {
        struct pollfd fds[3] = {
            {.fd = sock, .events = POLLIN},
            {.fd = signal_pipe[0], .events = POLLIN},
            {.fd = wanted ? STDIN_FILENO : -1, .events = POLLIN},
        };
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(EXIT_LOST, "poll failed: %s", strerror(errno));
        }
        if (fds[1].revents & POLLIN) {
            unsigned char signo;
            while (read(signal_pipe[0], &signo, 1) == 1) {
                unsigned char payload[4] = {0, 0, 0, signo};
                send_frame(sock, F_SIGNAL, payload, sizeof payload);
                last_signal = signo;
            }
        }
        if (wanted && (fds[2].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            ssize_t n;
            do {
                n = read(STDIN_FILENO, chunk, wanted < sizeof chunk ? wanted : sizeof chunk);
            } while (n < 0 && errno == EINTR);
            send_frame(sock, F_STDIN, chunk, n > 0 ? (size_t) n : 0); /* empty: end of input (or an error) */
            wanted = 0;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            struct frame f;
            if (!receive_frame(sock, &f)) {
                if (last_signal) {
                    return 128 + last_signal;
                }
                fprintf(stderr, "berth: the CLI server at %s closed the connection before the command ended "
                                "(its log is beside the socket; BERTH_NO_SERVER=1 runs berth without it)\n",
                        socket_path);
                return EXIT_LOST;
            }
            switch (f.type) {
            case F_STDOUT:
                if (stdout_open && write_all(STDOUT_FILENO, f.payload, f.length) < 0) {
                    stdout_open = 0;
                }
                break;
            case F_STDERR:
                write_all(STDERR_FILENO, f.payload, f.length);
                break;
            case F_READ:
                wanted = f.length == 4 ? get_u32(f.payload) : 0;
                if (wanted == 0) {
                    send_frame(sock, F_STDIN, chunk, 0);
                }
                break;
            case F_EXIT: {
                int code = f.length == 4 ? (int) get_u32(f.payload) : EXIT_LOST;
                free(f.payload);
                return code;
            }
            default:
                break; /* frames of later protocol versions: ignored */
            }
            free(f.payload);
        }
    }
}

/* Sends the request and waits for the verdict; returns only when accepted. */
static void handshake(int sock, const char *identity) {
    struct buffer request = {0};
    build_request(&request, identity);
    send_frame(sock, F_REQUEST, request.data, request.length);
    free(request.data);
    struct frame f;
    if (!receive_frame(sock, &f)) {
        refused("absent", EXIT_NO_SERVER); /* the server went away, or is shutting down */
    }
    if (f.type == F_ACCEPTED) {
        free(f.payload);
        return;
    }
    int reason = f.type == F_REFUSED && f.length > 0 ? f.payload[0] : 0;
    switch (reason) {
    case REFUSED_VERSION:
    case REFUSED_JAR:
    case REFUSED_SOURCES_CHANGED:
        refused("stale", EXIT_STALE);
    case REFUSED_OWN_PROCESS:
        refused("own-process", EXIT_OWN_PROCESS);
    case REFUSED_SHUTTING_DOWN:
        refused("absent", EXIT_NO_SERVER);
    default:
        fail(EXIT_LOST, "the CLI server answered the request with an unexpected frame");
    }
}

int main(int argc, char **argv) {
    const char *jar = NULL, *socket_option = NULL;
    int print_socket = 0, i;
    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--jar") == 0 && i + 1 < argc) {
            jar = argv[++i];
        } else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc) {
            socket_option = argv[++i];
        } else if (strcmp(argv[i], "--launcher") == 0 && i + 1 < argc) {
            launcher = argv[++i];
        } else if (strcmp(argv[i], "--socket-path") == 0) {
            print_socket = 1;
        } else {
            fail(EXIT_USAGE, "berth-client: unknown option %s; usage: berth-client --jar JAR [--socket PATH] "
                             "[--launcher PATH] [--socket-path] -- ARGS...", argv[i]);
        }
    }
    command_args = argv + (i < argc ? i + 1 : argc);
    command_argc = argc - (i < argc ? i + 1 : argc);
    if (jar == NULL) {
        fail(EXIT_USAGE, "berth-client: --jar JAR is required (the berth.jar whose server to use)");
    }
    char jar_path[PATH_MAX], socket_path[PATH_MAX], identity[PATH_MAX + 128];
    if (realpath(jar, jar_path) == NULL) {
        fail(EXIT_USAGE, "berth-client: cannot find %s: %s", jar, strerror(errno));
    }
    jar_identity(jar_path, identity, sizeof identity);
    if (socket_option != NULL) {
        snprintf(socket_path, sizeof socket_path, "%s", socket_option);
    } else {
        socket_for_jar(jar_path, socket_path, sizeof socket_path);
    }
    if (print_socket) {
        puts(socket_path);
        return 0;
    }
    check_socket_directory(socket_path);
    forward_signals();
    int sock = connect_to(socket_path);
    handshake(sock, identity);
    return relay(sock, socket_path);
}
