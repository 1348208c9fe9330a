/*
 * "run" mode: start one container and watch over it until it exits.
 *
 * Files in the state directory:
 *   shim.pid   the monitor's pid (written first, removed at the end)
 *   pid        the container's init pid (runc's --pid-file)
 *   exit       {"exitCode":N,"oomKilled":bool,"finishedAt":"<RFC 3339>"}, renamed into place once the output is
 *              in the log and the socket is gone; runc's state of the stopped container is left for the engine to
 *              delete (after it has told whoever waits for the exit)
 *   shim.log   the monitor's own complaints
 * Sockets, at the paths given (they must fit a sockaddr_un, so they live in a short directory):
 *   --socket   attach and resize: a client sends one line, "ATTACH <flags>" (flags: i = its further input goes to
 *              the container's stdin, r = replay the output since the start, as far as it is kept; "-" for none)
 *              and then receives output frames (1 byte stream: 1 stdout, 2 stderr; 3 zero bytes; payload size as a
 *              big-endian 32-bit integer; payload), "RESIZE <rows> <cols>" answered with "OK" or "ERR <why>", or
 *              "SIGNAL <number>": sends the signal to the container's init, answered with "OK" or "ERR <why>" ("ERR
 *              exited" once the init has ended). The shim is the init's parent and has not collected it while it
 *              answers OK, so the pid cannot belong to another process (unlike a kill by pid from elsewhere).
 *   --console  runc's console socket, where a container with a terminal sends its pty master (while starting)
 * The process that started the shim gets one line on stdout, "ok <init pid>", and exit code 0 once the container
 * runs, or the reason on stderr and exit code 1; the monitor itself is then in its own session.
 */
#include "berth-shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define READ_CHUNK (32 * 1024)
#define REPLAY_LIMIT (64 * 1024)
#define CLIENT_BACKLOG_LIMIT (4 * 1024 * 1024)
#define STDIN_BACKLOG_LIMIT (64 * 1024)
#define COMMAND_LIMIT 256
#define DRAIN_MILLIS 2000
#define FLUSH_CLIENTS_MILLIS 1000
#define MAX_CLIENTS 64

struct client {
    int fd;
    int attached;       /* sent ATTACH: receives output frames */
    int sends_stdin;    /* its input goes to the container's stdin */
    int reading;        /* its input side is still open */
    int closing;        /* close once its output is sent */
    int dead;           /* its socket failed or it fell too far behind: dropped at the next turn */
    struct buf command; /* the command line until it is complete */
    struct buf out;     /* output not yet sent */
};

struct shim {
    const struct run_options *options;
    char pid_file[4096], shim_pid_file[4096], socket_file[4096], console_file[4096], exit_file[4096];
    struct jsonlog log;
    int output[3];      /* read ends by stream; with a terminal, output[STREAM_STDOUT] is the pty master */
    int terminal;       /* the pty master, or -1 */
    int stdin_fd;       /* where input for the container goes (pipe or pty master), or -1 */
    int stdin_closing;  /* close stdin_fd once stdin_pending is written */
    struct buf stdin_pending;
    int listener;
    struct client clients[MAX_CLIENTS];
    int client_count;
    struct buf replay;
    int signals;
    pid_t runc_pid;
    int runc_status;
    int runc_done;
    pid_t init_pid;
    pid_t early_pid;    /* a child reaped before the init pid was known */
    int early_status;
    int init_status;
    int init_exited;
    char finished_at[40];
    char oom_file[4096];
};

static void path_in_state(const struct shim *s, const char *name, char *out) {
    snprintf(out, 4096, "%s/%s", s->options->state, name);
}

static void set_frame_header(unsigned char header[8], int stream, size_t n) {
    header[0] = (unsigned char) stream;
    header[1] = header[2] = header[3] = 0;
    header[4] = (unsigned char) (n >> 24);
    header[5] = (unsigned char) (n >> 16);
    header[6] = (unsigned char) (n >> 8);
    header[7] = (unsigned char) n;
}

/* ------------------------------------------------------------------ clients */

static void drop_client(struct shim *s, int index) {
    struct client *c = &s->clients[index];
    close(c->fd);
    buf_free(&c->command);
    buf_free(&c->out);
    s->clients[index] = s->clients[--s->client_count];
}

/** Sends what the socket takes now; -1 when the client is gone. */
static int flush_client(struct client *c) {
    while (c->out.len > 0) {
        ssize_t n = send(c->fd, c->out.data, c->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EAGAIN ? 0 : -1;
        }
        buf_consume(&c->out, (size_t) n);
    }
    return 0;
}

static void reply(struct client *c, const char *text) {
    buf_append(&c->out, text, strlen(text));
    c->closing = 1;
}

static void trim_replay(struct shim *s) {
    size_t offset = 0;
    while (s->replay.len - offset > REPLAY_LIMIT / 2) {
        const unsigned char *h = (const unsigned char *) s->replay.data + offset;
        size_t size = ((size_t) h[4] << 24) | ((size_t) h[5] << 16) | ((size_t) h[6] << 8) | h[7];
        offset += 8 + size;
    }
    buf_consume(&s->replay, offset);
}

/** Output of the container: into the log, the replay buffer and every attached client. */
static void emit(struct shim *s, int stream, const char *data, size_t n) {
    jsonlog_write(&s->log, stream, data, n);
    unsigned char header[8];
    set_frame_header(header, stream, n);
    buf_append(&s->replay, header, 8);
    buf_append(&s->replay, data, n);
    if (s->replay.len > REPLAY_LIMIT) {
        trim_replay(s);
    }
    for (int i = 0; i < s->client_count; i++) {
        struct client *c = &s->clients[i];
        if (!c->attached || c->dead) {
            continue;
        }
        buf_append(&c->out, header, 8);
        buf_append(&c->out, data, n);
        if (flush_client(c) < 0 || c->out.len > CLIENT_BACKLOG_LIMIT) {
            c->dead = 1;
            c->out.len = 0;
        }
    }
}

/* -------------------------------------------------------------------- stdin */

static void close_stdin(struct shim *s) {
    if (s->stdin_fd >= 0 && s->stdin_fd != s->terminal) {
        close(s->stdin_fd);
    }
    s->stdin_fd = -1;
    s->stdin_pending.len = 0;
    s->stdin_closing = 0;
}

static void flush_stdin(struct shim *s) {
    while (s->stdin_fd >= 0 && s->stdin_pending.len > 0) {
        ssize_t n = write(s->stdin_fd, s->stdin_pending.data, s->stdin_pending.len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN) {
                close_stdin(s); /* the container closed its stdin */
            }
            return;
        }
        buf_consume(&s->stdin_pending, (size_t) n);
    }
    if (s->stdin_closing && s->stdin_pending.len == 0) {
        close_stdin(s);
    }
}

static void to_stdin(struct shim *s, const struct client *c, const char *data, size_t n) {
    if (!c->sends_stdin || s->stdin_fd < 0 || s->stdin_closing || n == 0) {
        return;
    }
    buf_append(&s->stdin_pending, data, n);
    flush_stdin(s);
}

/* ----------------------------------------------------------------- commands */

/** Signals the container's init unless it has ended (reaped here, so its pid may already be another process's). */
static void signal_init(struct shim *s, struct client *c, int number) {
    if (s->init_exited || s->init_pid <= 0) {
        reply(c, "ERR exited\n");
    } else if (kill(s->init_pid, number) < 0) {
        char answer[128];
        snprintf(answer, sizeof answer, "ERR %s\n", errno == ESRCH ? "exited" : strerror(errno));
        reply(c, answer);
    } else {
        reply(c, "OK\n");
    }
}

static void run_command(struct shim *s, struct client *c, const char *line) {
    unsigned rows, cols;
    int signal_number;
    if (strncmp(line, "ATTACH ", 7) == 0) {
        const char *flags = line + 7;
        c->attached = 1;
        c->sends_stdin = strchr(flags, 'i') != NULL;
        if (strchr(flags, 'r') != NULL && s->replay.len > 0) {
            buf_append(&c->out, s->replay.data, s->replay.len);
        }
    } else if (parse_resize(line, &rows, &cols) == 0) {
        if (s->terminal < 0) {
            reply(c, "ERR the container has no terminal\n");
        } else if (resize_terminal(s->terminal, rows, cols) < 0) {
            char answer[128];
            snprintf(answer, sizeof answer, "ERR %s\n", strerror(errno));
            reply(c, answer);
        } else {
            reply(c, "OK\n");
        }
    } else if (parse_signal(line, &signal_number) == 0) {
        signal_init(s, c, signal_number);
    } else {
        reply(c, "ERR unknown command (use ATTACH <flags>, RESIZE <rows> <cols> or SIGNAL <number>)\n");
    }
}

/** Input from a client: first its command line, then (attached with i) the container's stdin. */
static int read_client(struct shim *s, struct client *c) {
    char data[READ_CHUNK];
    ssize_t n = recv(c->fd, data, sizeof data, MSG_DONTWAIT);
    if (n < 0) {
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    }
    if (n == 0) {
        c->reading = 0;
        if (!c->attached) {
            return -1;
        }
        /* as dockerd: a client's end of input ends a stdin-once container's input, but never a terminal's (a
         * client detaching from a shell must leave it running) */
        if (c->sends_stdin && s->options->stdin_once && !s->options->tty && s->stdin_fd >= 0) {
            s->stdin_closing = 1;
            flush_stdin(s);
        }
        return 0;
    }
    if (c->attached) {
        to_stdin(s, c, data, (size_t) n);
        return 0;
    }
    buf_append(&c->command, data, (size_t) n);
    char *newline = memchr(c->command.data, '\n', c->command.len);
    if (newline == NULL) {
        return c->command.len > COMMAND_LIMIT ? -1 : 0;
    }
    *newline = '\0';
    size_t rest = c->command.len - (size_t) (newline + 1 - c->command.data);
    run_command(s, c, c->command.data);
    if (c->attached) {
        to_stdin(s, c, newline + 1, rest);
    }
    buf_free(&c->command);
    return 0;
}

static void accept_clients(struct shim *s) {
    while (s->listener >= 0) {
        int fd = accept4(s->listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            return;
        }
        if (s->client_count == MAX_CLIENTS) {
            close(fd);
            continue;
        }
        struct client *c = &s->clients[s->client_count++];
        memset(c, 0, sizeof *c);
        c->fd = fd;
        c->reading = 1;
    }
}

/* ------------------------------------------------------------------ signals */

static void reap(struct shim *s) {
    struct signalfd_siginfo info;
    while (read(s->signals, &info, sizeof info) == sizeof info) {
        /* drained; children are collected below */
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == s->runc_pid) {
            s->runc_status = status;
            s->runc_done = 1;
            if (s->init_pid > 0 && !s->init_exited && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
                /* runc failed after the container was created: it killed and collected the init itself */
                s->init_status = status;
                s->init_exited = 1;
                format_now(s->finished_at);
            }
        } else if (s->init_pid > 0 && pid == s->init_pid) {
            s->init_status = status;
            s->init_exited = 1;
            format_now(s->finished_at);
        } else if (s->init_pid == 0) {
            s->early_pid = pid;
            s->early_status = status;
            format_now(s->finished_at);
        }
    }
}

/* ------------------------------------------------------------------- output */

/** Reads what one output descriptor has; closes it at its end (EIO is how a pty master ends). */
static void pump(struct shim *s, int stream) {
    char data[READ_CHUNK];
    ssize_t n = read(s->output[stream], data, sizeof data);
    if (n > 0) {
        emit(s, stream, data, (size_t) n);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (s->output[stream] != s->terminal) {
            close(s->output[stream]);
        }
        s->output[stream] = -1;
    }
}

static int outputs_open(const struct shim *s) {
    return s->output[STREAM_STDOUT] >= 0 || s->output[STREAM_STDERR] >= 0;
}

/* ----------------------------------------------------------------------- oom */

/** The mount point of the cgroup hierarchy with the memory controller (v1), or of the unified one (v2). */
static int cgroup_mount(int v1, char *out, size_t size) {
    char content[65536];
    if (read_small_file("/proc/self/mountinfo", content, sizeof content) < 0) {
        return -1;
    }
    for (char *line = strtok(content, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char mount_point[1024], type[64], options[1024];
        char *separator = strstr(line, " - ");
        if (separator == NULL || sscanf(line, "%*s %*s %*s %*s %1023s", mount_point) != 1
                || sscanf(separator + 3, "%63s %*s %1023s", type, options) != 2) {
            continue;
        }
        int wanted = v1 ? strcmp(type, "cgroup") == 0 && strstr(options, "memory") != NULL
                        : strcmp(type, "cgroup2") == 0;
        if (wanted) {
            snprintf(out, size, "%s", mount_point);
            return 0;
        }
    }
    return -1;
}

/**
 * Finds the file that counts OOM kills in the container's memory cgroup: memory.oom_control on cgroup v1,
 * memory.events on v2 (both have an "oom_kill N" line).
 */
static void find_oom_counter(struct shim *s) {
    char path[64], content[8192], v1[2048] = "", v2[2048] = "", mount[1024];
    snprintf(path, sizeof path, "/proc/%d/cgroup", (int) s->init_pid);
    if (read_small_file(path, content, sizeof content) < 0) {
        return;
    }
    for (char *line = strtok(content, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *controllers = strchr(line, ':');
        char *cgroup = controllers == NULL ? NULL : strchr(controllers + 1, ':');
        if (cgroup == NULL) {
            continue;
        }
        *cgroup++ = '\0';
        controllers++;
        if (*controllers == '\0') {
            snprintf(v2, sizeof v2, "%s", cgroup);
        } else {
            char list[256];
            snprintf(list, sizeof list, ",%s,", controllers);
            if (strstr(list, ",memory,") != NULL) {
                snprintf(v1, sizeof v1, "%s", cgroup);
            }
        }
    }
    if (*v1 && cgroup_mount(1, mount, sizeof mount) == 0) {
        snprintf(s->oom_file, sizeof s->oom_file, "%s%s/memory.oom_control", mount, v1);
    } else if (*v2 && cgroup_mount(0, mount, sizeof mount) == 0) {
        snprintf(s->oom_file, sizeof s->oom_file, "%s%s/memory.events", mount, v2);
    }
}

static long oom_kills(const struct shim *s) {
    char content[4096];
    if (!*s->oom_file || read_small_file(s->oom_file, content, sizeof content) < 0) {
        return 0;
    }
    char *line = strstr(content, "oom_kill ");
    while (line != NULL && line != content && line[-1] != '\n') {
        line = strstr(line + 1, "oom_kill ");
    }
    return line == NULL ? 0 : strtol(line + 9, NULL, 10);
}

/* -------------------------------------------------------------------- start */

static void report(int ready, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void report(int ready, const char *format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (ready >= 0 && n > 0) {
        write_all(ready, message, (size_t) n < sizeof message ? (size_t) n : sizeof message - 1);
    }
}

static void remove_state_files(const struct shim *s) {
    unlink(s->socket_file);
    if (*s->console_file) {
        unlink(s->console_file);
    }
    unlink(s->shim_pid_file);
}

/** Reads output until it ends or the time is up (after a failed start, or after the init exited). */
static void drain(struct shim *s, long long deadline) {
    while (outputs_open(s)) {
        long long left = deadline - now_millis();
        if (left <= 0) {
            return;
        }
        struct pollfd fds[2];
        int streams[2], n = 0;
        for (int stream = STREAM_STDOUT; stream <= STREAM_STDERR; stream++) {
            if (s->output[stream] >= 0) {
                fds[n] = (struct pollfd) {.fd = s->output[stream], .events = POLLIN};
                streams[n++] = stream;
            }
        }
        if (poll(fds, (nfds_t) n, (int) left) <= 0) {
            continue;
        }
        for (int i = 0; i < n; i++) {
            if (fds[i].revents) {
                pump(s, streams[i]);
            }
        }
    }
}

/** runc run --detach, pumping output and taking the terminal from the console socket while it runs. */
static int start_container(struct shim *s, int ready) {
    const struct run_options *o = s->options;
    int out[2] = {-1, -1}, err[2], in[2] = {-1, -1}, console = -1;
    if (pipe2(err, O_CLOEXEC) < 0 || (!o->tty && pipe2(out, O_CLOEXEC) < 0)
            || (o->stdin_open && !o->tty && pipe2(in, O_CLOEXEC) < 0)) {
        report(ready, "error cannot create pipes: %s\n", strerror(errno));
        return -1;
    }
    if (o->tty && (console = listen_unix(s->console_file)) < 0) {
        report(ready, "error cannot listen on %s: %s\n", s->console_file, strerror(errno));
        return -1;
    }
    char *argv[16];
    int a = 0;
    argv[a++] = (char *) o->runtime;
    argv[a++] = "--root";
    argv[a++] = (char *) o->runtime_root;
    argv[a++] = "run";
    argv[a++] = "--detach";
    argv[a++] = "--pid-file";
    argv[a++] = s->pid_file;
    if (o->tty) {
        argv[a++] = "--console-socket";
        argv[a++] = s->console_file;
    }
    argv[a++] = "--bundle";
    argv[a++] = (char *) o->bundle;
    argv[a++] = (char *) o->id;
    argv[a] = NULL;
    unlink(s->pid_file);
    s->runc_pid = spawn(argv, in[0], out[1], err[1]);
    if (s->runc_pid < 0) {
        report(ready, "error cannot start %s: %s\n", o->runtime, strerror(errno));
        return -1;
    }
    if (in[0] >= 0) {
        close(in[0]);
    }
    if (out[1] >= 0) {
        close(out[1]);
    }
    close(err[1]);
    s->stdin_fd = in[1];
    s->output[STREAM_STDOUT] = out[0];
    s->output[STREAM_STDERR] = err[0];
    set_nonblocking(err[0]);
    if (out[0] >= 0) {
        set_nonblocking(out[0]);
    }
    if (in[1] >= 0) {
        set_nonblocking(in[1]);
    }
    /*
     * The container runs once runc has written its pid file (and, with a terminal, sent the master): that is when
     * the start is reported, as runc's own start step and exit still take a while. A late failure of runc after
     * that is handled as the container's exit (serve).
     */
    int wait_millis = 1;
    char pid[32];
    while (!s->runc_done) {
        struct pollfd fds[4];
        int n = 0;
        fds[n++] = (struct pollfd) {.fd = s->signals, .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = console, .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = s->output[STREAM_STDOUT], .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = s->output[STREAM_STDERR], .events = POLLIN};
        if (poll(fds, (nfds_t) n, wait_millis) < 0 && errno != EINTR) {
            break;
        }
        wait_millis = wait_millis < 8 ? wait_millis * 2 : 8;
        if (fds[1].revents & POLLIN) {
            int master = accept_terminal(console);
            if (master >= 0) {
                s->terminal = master;
            }
        }
        for (int stream = STREAM_STDOUT; stream <= STREAM_STDERR; stream++) {
            if (fds[1 + stream].revents && s->output[stream] >= 0) {
                pump(s, stream);
            }
        }
        reap(s);
        if (!s->runc_done && (!o->tty || s->terminal >= 0) && read_small_file(s->pid_file, pid, sizeof pid) > 0
                && (s->init_pid = (pid_t) atoi(pid)) > 0) {
            break;
        }
    }
    if (console >= 0) {
        close(console);
        unlink(s->console_file);
    }
    if (s->runc_done && (!WIFEXITED(s->runc_status) || WEXITSTATUS(s->runc_status) != 0)) {
        drain(s, now_millis() + DRAIN_MILLIS);
        report(ready, "error %s run exited with %s %d\n", o->runtime,
               WIFEXITED(s->runc_status) ? "status" : "signal",
               WIFEXITED(s->runc_status) ? WEXITSTATUS(s->runc_status) : WTERMSIG(s->runc_status));
        return -1;
    }
    if (s->init_pid <= 0 && (read_small_file(s->pid_file, pid, sizeof pid) <= 0
                             || (s->init_pid = (pid_t) atoi(pid)) <= 0)) {
        report(ready, "error %s run left no pid in %s\n", o->runtime, s->pid_file);
        return -1;
    }
    if (o->tty) {
        if (s->terminal < 0) {
            report(ready, "error %s sent no terminal on %s\n", o->runtime, s->console_file);
            return -1;
        }
        set_nonblocking(s->terminal);
        s->output[STREAM_STDOUT] = s->terminal;
        s->stdin_fd = o->stdin_open ? s->terminal : -1;
    }
    if (s->early_pid == s->init_pid) {
        s->init_status = s->early_status;
        s->init_exited = 1;
    }
    return 0;
}

/* --------------------------------------------------------------------- loop */

static void serve(struct shim *s) {
    long long drain_deadline = s->init_exited ? now_millis() + DRAIN_MILLIS : 0;
    while (!s->init_exited || (outputs_open(s) && now_millis() < drain_deadline)) {
        struct pollfd fds[5 + MAX_CLIENTS];
        int n = 0;
        fds[n++] = (struct pollfd) {.fd = s->signals, .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = s->listener, .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = s->output[STREAM_STDOUT], .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = s->output[STREAM_STDERR], .events = POLLIN};
        fds[n++] = (struct pollfd) {.fd = s->stdin_pending.len > 0 ? s->stdin_fd : -1, .events = POLLOUT};
        int stdin_full = s->stdin_pending.len >= STDIN_BACKLOG_LIMIT;
        for (int i = 0; i < s->client_count; i++) {
            const struct client *c = &s->clients[i];
            short events = (short) ((c->reading && !(c->sends_stdin && stdin_full) ? POLLIN : 0)
                                    | (c->out.len > 0 ? POLLOUT : 0));
            fds[n++] = (struct pollfd) {.fd = c->fd, .events = events};
        }
        int timeout = s->init_exited ? (int) (drain_deadline - now_millis()) : -1;
        if (poll(fds, (nfds_t) n, timeout < 0 && s->init_exited ? 0 : timeout) < 0 && errno != EINTR) {
            shim_warn("poll failed: %s", strerror(errno));
            return;
        }
        if (fds[0].revents) {
            reap(s);
            if (s->init_exited && drain_deadline == 0) {
                drain_deadline = now_millis() + DRAIN_MILLIS;
            }
        }
        for (int stream = STREAM_STDOUT; stream <= STREAM_STDERR; stream++) {
            if (fds[1 + stream].revents && s->output[stream] >= 0) {
                pump(s, stream);
            }
        }
        if (fds[4].revents) {
            flush_stdin(s);
        }
        /* clients were polled in index order; dropping one moves the last into its place, so go backwards */
        for (int i = s->client_count - 1; i >= 0; i--) {
            short revents = fds[5 + i].revents;
            struct client *c = &s->clients[i];
            int gone = c->dead || (revents & POLLERR) != 0;
            if (!gone && (revents & (POLLIN | POLLHUP)) && c->reading) {
                gone = read_client(s, c) < 0;
            }
            if (!gone && c->out.len > 0) {
                gone = flush_client(c) < 0;
            }
            if (!gone && c->closing && c->out.len == 0) {
                gone = 1;
            }
            if (!gone && (revents & POLLHUP) && !c->reading) {
                gone = 1;
            }
            if (gone) {
                drop_client(s, i);
            }
        }
        if (fds[1].revents) {
            accept_clients(s);
        }
    }
}

/** Sends attached clients what they have not got yet, for a short while, and closes them. */
static void close_clients(struct shim *s) {
    long long deadline = now_millis() + FLUSH_CLIENTS_MILLIS;
    while (s->client_count > 0 && now_millis() < deadline) {
        for (int i = s->client_count - 1; i >= 0; i--) {
            if (s->clients[i].dead || s->clients[i].out.len == 0 || flush_client(&s->clients[i]) < 0) {
                drop_client(s, i);
            }
        }
        if (s->client_count > 0) {
            struct pollfd wait = {.fd = s->clients[0].fd, .events = POLLOUT};
            poll(&wait, 1, 20);
        }
    }
    while (s->client_count > 0) {
        drop_client(s, s->client_count - 1);
    }
}

static void finish(struct shim *s) {
    jsonlog_close(&s->log);
    int oom = oom_kills(s) > 0;
    /* without the socket, attach falls back to the log, which is complete now */
    close(s->listener);
    s->listener = -1;
    unlink(s->socket_file);
    close_clients(s);
    close_stdin(s);
    if (s->terminal >= 0) {
        close(s->terminal);
        s->terminal = -1;
    }
    int status = s->init_status;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    char record[256];
    snprintf(record, sizeof record, "{\"exitCode\":%d,\"oomKilled\":%s,\"finishedAt\":\"%s\"}\n", code,
             oom ? "true" : "false", s->finished_at);
    if (write_file_atomically(s->exit_file, record) < 0) {
        shim_warn("cannot write %s: %s", s->exit_file, strerror(errno));
    }
    unlink(s->shim_pid_file);
}

/** The monitor, in its own session: never returns to the process that started the shim. */
static int monitor(const struct run_options *o, int ready) {
    struct shim s;
    memset(&s, 0, sizeof s);
    s.options = o;
    s.terminal = s.stdin_fd = s.listener = -1;
    s.output[0] = s.output[1] = s.output[2] = -1;
    path_in_state(&s, "pid", s.pid_file);
    path_in_state(&s, "shim.pid", s.shim_pid_file);
    snprintf(s.socket_file, sizeof s.socket_file, "%s", o->socket);
    snprintf(s.console_file, sizeof s.console_file, "%s", o->console == NULL ? "" : o->console);
    path_in_state(&s, "exit", s.exit_file);

    char diagnostics[4096];
    path_in_state(&s, "shim.log", diagnostics);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    int log = open(diagnostics, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(log >= 0 ? log : null, STDERR_FILENO);
    signal(SIGPIPE, SIG_IGN);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
        report(ready, "error cannot become a subreaper: %s\n", strerror(errno));
        return 1;
    }
    char pid[32];
    snprintf(pid, sizeof pid, "%d\n", (int) getpid());
    unlink(s.exit_file);
    if (write_file_atomically(s.shim_pid_file, pid) < 0) {
        report(ready, "error cannot write %s: %s\n", s.shim_pid_file, strerror(errno));
        return 1;
    }
    sigset_t child;
    sigemptyset(&child);
    sigaddset(&child, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child, NULL);
    s.signals = signalfd(-1, &child, SFD_CLOEXEC | SFD_NONBLOCK);
    s.listener = listen_unix(s.socket_file);
    if (s.signals < 0 || s.listener < 0) {
        report(ready, "error cannot listen on %s: %s\n", s.socket_file, strerror(errno));
        remove_state_files(&s);
        return 1;
    }
    if (jsonlog_open(&s.log, o->log, o->log_max_size, o->log_max_files) < 0) {
        report(ready, "error cannot open the log %s: %s\n", o->log, strerror(errno));
        remove_state_files(&s);
        return 1;
    }
    if (start_container(&s, ready) < 0) {
        jsonlog_close(&s.log);
        remove_state_files(&s);
        return 1;
    }
    find_oom_counter(&s);
    report(ready, "ok %d\n", (int) s.init_pid);
    close(ready);
    serve(&s);
    finish(&s);
    return 0;
}

int shim_run(const struct run_options *options) {
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) < 0) {
        shim_warn("cannot create a pipe: %s", strerror(errno));
        return 1;
    }
    /*
     * One fork: the monitor leads a session of its own (no terminal signals, and it never opens a terminal by
     * name, so it cannot get a controlling one); once this process has exited it belongs to init or the nearest
     * subreaper.
     */
    pid_t monitor_pid = fork();
    if (monitor_pid < 0) {
        shim_warn("cannot fork: %s", strerror(errno));
        return 1;
    }
    if (monitor_pid == 0) {
        close(ready[0]);
        if (setsid() < 0) {
            _exit(1);
        }
        _exit(monitor(options, ready[1]));
    }
    close(ready[1]);
    struct buf answer = {0};
    char data[1024];
    ssize_t n;
    while ((n = read(ready[0], data, sizeof data)) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0) {
            buf_append(&answer, data, (size_t) n);
        }
    }
    if (answer.len > 3 && memcmp(answer.data, "ok ", 3) == 0) {
        write_all(STDOUT_FILENO, answer.data, answer.len);
        return 0;
    }
    if (answer.len > 6 && memcmp(answer.data, "error ", 6) == 0) {
        write_all(STDERR_FILENO, answer.data + 6, answer.len - 6);
    } else {
        shim_warn("the monitor of container %s ended before it started the container", options->id);
    }
    return 1;
}
