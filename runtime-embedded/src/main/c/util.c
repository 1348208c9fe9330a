/* Small helpers of berth-shim: buffers, files, sockets, processes, time. */
#include "berth-shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

void buf_append(struct buf *b, const void *data, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n) {
            cap *= 2;
        }
        char *grown = realloc(b->data, cap);
        if (grown == NULL) {
            shim_warn("out of memory");
            abort();
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
}

void buf_consume(struct buf *b, size_t n) {
    if (n >= b->len) {
        b->len = 0;
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

void buf_free(struct buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void shim_warn(const char *format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    dprintf(STDERR_FILENO, "berth-shim: %s\n", message);
}

int write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t written = write(fd, p, n);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                struct pollfd wait = {.fd = fd, .events = POLLOUT};
                poll(&wait, 1, 100);
                continue;
            }
            return -1;
        }
        p += written;
        n -= (size_t) written;
    }
    return 0;
}

int write_file_atomically(const char *path, const char *content) {
    char temporary[4096];
    if (snprintf(temporary, sizeof temporary, "%s.tmp", path) >= (int) sizeof temporary) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return -1;
    }
    /* no fsync: readers need the rename's atomicity, and the run directory does not outlive a reboot */
    if (write_all(fd, content, strlen(content)) < 0) {
        int saved = errno;
        close(fd);
        unlink(temporary);
        errno = saved;
        return -1;
    }
    close(fd);
    if (rename(temporary, path) < 0) {
        int saved = errno;
        unlink(temporary);
        errno = saved;
        return -1;
    }
    return 0;
}

ssize_t read_small_file(const char *path, char *out, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    size_t total = 0;
    while (total + 1 < size) {
        ssize_t n = read(fd, out + total, size - 1 - total);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        total += (size_t) n;
    }
    close(fd);
    out[total] = '\0';
    return (ssize_t) total;
}

int set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int listen_unix(const char *path) {
    /* bound under a temporary name and renamed once listening: whoever sees the path can connect */
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) + 4 >= sizeof address.sun_path) {
        shim_warn("socket path too long (%zu bytes, at most %zu): %s", strlen(path), sizeof address.sun_path - 5,
                  path);
        errno = ENAMETOOLONG;
        return -1;
    }
    snprintf(address.sun_path, sizeof address.sun_path, "%s.new", path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        return -1;
    }
    unlink(address.sun_path);
    if (bind(fd, (struct sockaddr *) &address, sizeof address) < 0 || chmod(address.sun_path, 0600) < 0
        || listen(fd, 16) < 0 || rename(address.sun_path, path) < 0) {
        int saved = errno;
        close(fd);
        unlink(address.sun_path);
        errno = saved;
        return -1;
    }
    return fd;
}

/** Receives one file descriptor sent with SCM_RIGHTS on a connected socket; -1 on error. */
static int receive_fd(int socket) {
    char data[256];
    struct iovec iov = {.iov_base = data, .iov_len = sizeof data};
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr message = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    ssize_t n;
    do {
        n = recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        return -1;
    }
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c != NULL; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int))) {
            int fd;
            memcpy(&fd, CMSG_DATA(c), sizeof fd);
            return fd;
        }
    }
    errno = EBADMSG;
    return -1;
}

int accept_terminal(int console) {
    int connection = accept4(console, NULL, NULL, SOCK_CLOEXEC);
    if (connection < 0) {
        return -1;
    }
    int master = receive_fd(connection);
    close(connection);
    return master;
}

void format_now(char out[40]) {
    struct timespec now;
    struct tm utc;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &utc);
    size_t n = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &utc);
    snprintf(out + n, 40 - n, ".%09ldZ", now.tv_nsec);
}

long long now_millis(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

pid_t spawn(char *const argv[], int in, int out, int err) {
    pid_t pid = fork();
    if (pid != 0) {
        return pid;
    }
    int null = open("/dev/null", O_RDWR);
    int fds[3] = {in < 0 ? null : in, out < 0 ? null : out, err < 0 ? null : err};
    /* move the sources above 2 first, so that no dup2 overwrites a source still needed */
    for (int i = 0; i < 3; i++) {
        fds[i] = fcntl(fds[i], F_DUPFD, 3);
    }
    for (int i = 0; i < 3; i++) {
        if (dup2(fds[i], i) < 0) {
            _exit(127);
        }
        /* stdio of the child must be blocking whatever the shim uses */
        int flags = fcntl(i, F_GETFL);
        fcntl(i, F_SETFL, flags & ~O_NONBLOCK);
    }
    closefrom(3);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    execv(argv[0], argv);
    dprintf(STDERR_FILENO, "berth-shim: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int resize_terminal(int fd, unsigned rows, unsigned cols) {
    struct winsize size = {.ws_row = (unsigned short) rows, .ws_col = (unsigned short) cols};
    return ioctl(fd, TIOCSWINSZ, &size);
}

int parse_resize(const char *line, unsigned *rows, unsigned *cols) {
    return sscanf(line, "RESIZE %u %u", rows, cols) == 2 && *rows <= 65535 && *cols <= 65535 ? 0 : -1;
}

int parse_signal(const char *line, int *number) {
    char rest;
    return sscanf(line, "SIGNAL %d%c", number, &rest) == 1 && *number > 0 && *number < NSIG ? 0 : -1;
}
