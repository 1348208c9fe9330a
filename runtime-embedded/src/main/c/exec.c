/*
 * "exec" mode: one process in a running container on a pseudo-terminal. runc exec --detach --tty sends the
 * terminal's master to the console socket and leaves the process to this shim (a subreaper); the shim copies its
 * stdin to the terminal and the terminal to its stdout until the process ends, and exits with the process's exit
 * code (128+n for signal n). runc's own messages go to the shim's stderr.
 *
 * Files: --console (runc's console socket), --pid-file (the process's pid) and --control, a socket where
 * "RESIZE <rows> <cols>" sets the terminal size (answered "OK" or "ERR <why>"); a size set before the terminal
 * exists is applied when it arrives. The sockets are removed at the end.
 */
#include "berth-shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define READ_CHUNK (32 * 1024)
/* after the process ended, output still coming from its background children is copied until this long a pause */
#define QUIET_MILLIS 100
#define DRAIN_MILLIS 2000

struct session {
    int terminal;
    int control;
    int signals;
    pid_t runc_pid;
    int runc_status;
    int runc_done;
    pid_t process_pid;
    pid_t early_pid;
    int early_status;
    int process_status;
    int process_done;
    unsigned rows, cols; /* a size asked for before the terminal arrived (0: none) */
    struct buf input;    /* stdin not yet written to the terminal */
    int input_open;
};

static void reap(struct session *s) {
    struct signalfd_siginfo info;
    while (read(s->signals, &info, sizeof info) == sizeof info) {
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == s->runc_pid) {
            s->runc_status = status;
            s->runc_done = 1;
        } else if (s->process_pid > 0 && pid == s->process_pid) {
            s->process_status = status;
            s->process_done = 1;
        } else if (s->process_pid == 0) {
            s->early_pid = pid;
            s->early_status = status;
        }
    }
}

/** One control connection: reads its command line (waiting briefly) and answers it. */
static void control(struct session *s) {
    int fd = accept4(s->control, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) {
        return;
    }
    char line[128];
    size_t n = 0;
    while (n + 1 < sizeof line && memchr(line, '\n', n) == NULL) {
        struct pollfd wait = {.fd = fd, .events = POLLIN};
        if (poll(&wait, 1, 1000) <= 0) {
            break;
        }
        ssize_t got = read(fd, line + n, sizeof line - 1 - n);
        if (got <= 0) {
            break;
        }
        n += (size_t) got;
    }
    line[n] = '\0';
    unsigned rows, cols;
    const char *answer = "OK\n";
    char failure[128];
    if (parse_resize(line, &rows, &cols) < 0) {
        answer = "ERR unknown command (use RESIZE <rows> <cols>)\n";
    } else if (s->terminal < 0) {
        s->rows = rows;
        s->cols = cols;
    } else if (resize_terminal(s->terminal, rows, cols) < 0) {
        snprintf(failure, sizeof failure, "ERR %s\n", strerror(errno));
        answer = failure;
    }
    write_all(fd, answer, strlen(answer));
    close(fd);
}

/** runc exec --detach --tty; takes the terminal from the console socket meanwhile. */
static int start_process(struct session *s, const struct exec_options *o, const char *console_file,
                         const char *pid_file) {
    int console = listen_unix(console_file);
    if (console < 0) {
        shim_warn("cannot listen on %s: %s", console_file, strerror(errno));
        return -1;
    }
    char *argv[] = {(char *) o->runtime, "--root", (char *) o->runtime_root, "exec", "--detach", "--tty",
                    "--console-socket", (char *) console_file, "--pid-file", (char *) pid_file, "--process",
                    (char *) o->process, (char *) o->id, NULL};
    s->runc_pid = spawn(argv, -1, -1, STDERR_FILENO);
    if (s->runc_pid < 0) {
        shim_warn("cannot start %s: %s", o->runtime, strerror(errno));
        return -1;
    }
    while (!s->runc_done) {
        struct pollfd fds[3] = {{.fd = s->signals, .events = POLLIN}, {.fd = console, .events = POLLIN},
                                {.fd = s->control, .events = POLLIN}};
        if (poll(fds, 3, 100) < 0 && errno != EINTR) {
            break;
        }
        if (fds[1].revents & POLLIN) {
            int master = accept_terminal(console);
            if (master >= 0) {
                s->terminal = master;
            }
        }
        if (fds[2].revents & POLLIN) {
            control(s);
        }
        reap(s);
    }
    close(console);
    unlink(console_file);
    if (!WIFEXITED(s->runc_status) || WEXITSTATUS(s->runc_status) != 0) {
        return -1;
    }
    char pid[32];
    if (s->terminal < 0 || read_small_file(pid_file, pid, sizeof pid) <= 0 || (s->process_pid = atoi(pid)) <= 0) {
        shim_warn("%s exec started no process with a terminal", o->runtime);
        return -1;
    }
    if (s->early_pid == s->process_pid) {
        s->process_status = s->early_status;
        s->process_done = 1;
    }
    if (s->rows > 0 || s->cols > 0) {
        resize_terminal(s->terminal, s->rows, s->cols);
    }
    set_nonblocking(s->terminal);
    return 0;
}

static void copy_input(struct session *s) {
    char data[READ_CHUNK];
    ssize_t n = read(STDIN_FILENO, data, sizeof data);
    if (n > 0) {
        buf_append(&s->input, data, (size_t) n);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        s->input_open = 0;
    }
}

static void write_input(struct session *s) {
    while (s->input.len > 0) {
        ssize_t n = write(s->terminal, s->input.data, s->input.len);
        if (n < 0) {
            if (errno != EAGAIN && errno != EINTR) {
                s->input.len = 0;
                s->input_open = 0;
            }
            return;
        }
        buf_consume(&s->input, (size_t) n);
    }
}

/** Copies terminal output to stdout; 0 at its end (EIO once no process holds the terminal any more). */
static int copy_output(struct session *s) {
    char data[READ_CHUNK];
    ssize_t n = read(s->terminal, data, sizeof data);
    if (n > 0) {
        return write_all(STDOUT_FILENO, data, (size_t) n) < 0 ? 0 : 1;
    }
    return n < 0 && (errno == EAGAIN || errno == EINTR) ? 1 : 0;
}

static void serve(struct session *s) {
    long long deadline = 0;
    int output_open = 1;
    while (output_open) {
        if (s->process_done && deadline == 0) {
            deadline = now_millis() + DRAIN_MILLIS;
        }
        if (deadline != 0 && now_millis() >= deadline) {
            break;
        }
        struct pollfd fds[4] = {
            {.fd = s->signals, .events = POLLIN},
            {.fd = s->control, .events = POLLIN},
            {.fd = s->terminal, .events = (short) (POLLIN | (s->input.len > 0 ? POLLOUT : 0))},
            {.fd = s->input_open && s->input.len == 0 ? STDIN_FILENO : -1, .events = POLLIN},
        };
        int ready = poll(fds, 4, s->process_done ? QUIET_MILLIS : -1);
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (ready == 0 && s->process_done) {
            break;
        }
        if (fds[0].revents) {
            reap(s);
        }
        if (fds[1].revents & POLLIN) {
            control(s);
        }
        if (fds[3].revents) {
            copy_input(s);
        }
        if (fds[2].revents & POLLOUT) {
            write_input(s);
        }
        if (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) {
            output_open = copy_output(s);
        }
        if (s->input.len > 0) {
            write_input(s);
        }
    }
    /* the output ended first: the process is ending too */
    while (!s->process_done) {
        struct pollfd wait = {.fd = s->signals, .events = POLLIN};
        poll(&wait, 1, 1000);
        reap(s);
    }
}

int shim_exec(const struct exec_options *o) {
    struct session s;
    memset(&s, 0, sizeof s);
    s.terminal = -1;
    s.input_open = 1;
    const char *control_file = o->control, *console_file = o->console, *pid_file = o->pid_file;
    signal(SIGPIPE, SIG_IGN);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
        shim_warn("cannot become a subreaper: %s", strerror(errno));
        return 125;
    }
    sigset_t child;
    sigemptyset(&child);
    sigaddset(&child, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child, NULL);
    s.signals = signalfd(-1, &child, SFD_CLOEXEC | SFD_NONBLOCK);
    s.control = listen_unix(control_file);
    if (s.signals < 0 || s.control < 0) {
        shim_warn("cannot listen on %s: %s", control_file, strerror(errno));
        return 125;
    }
    set_nonblocking(STDIN_FILENO);
    if (start_process(&s, o, console_file, pid_file) < 0) {
        unlink(control_file);
        return WIFEXITED(s.runc_status) && WEXITSTATUS(s.runc_status) != 0 ? WEXITSTATUS(s.runc_status) : 125;
    }
    serve(&s);
    close(s.terminal);
    close(s.control);
    unlink(control_file);
    unlink(pid_file);
    return WIFEXITED(s.process_status) ? WEXITSTATUS(s.process_status) : 128 + WTERMSIG(s.process_status);
}
