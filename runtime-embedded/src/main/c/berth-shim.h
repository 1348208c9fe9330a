/*
 * berth-shim: the per-container monitor of the Berth engine.
 *
 * "run" mode starts one container with `runc run --detach`, becomes the parent (subreaper) of its init process,
 * writes its output to the container's json-file log, keeps its stdin open, serves attach and resize on a unix
 * socket, and records the exit status in a file. It outlives the engine that started it.
 * "exec" mode runs one process in a running container on a pseudo-terminal (`runc exec --tty`), copying between
 * its own stdio and the terminal, and serves resize on a unix socket.
 */
#ifndef BERTH_SHIM_H
#define BERTH_SHIM_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ------------------------------------------------------------------ util.c */

/** A growable byte buffer. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
};

void buf_append(struct buf *b, const void *data, size_t n);
void buf_consume(struct buf *b, size_t n);
void buf_free(struct buf *b);

/** Prints "berth-shim: <message>" on stderr. */
void shim_warn(const char *format, ...) __attribute__((format(printf, 1, 2)));

/** Writes everything, retrying on EINTR and waiting on EAGAIN; -1 on error. */
int write_all(int fd, const void *data, size_t n);

/** Writes a file under a temporary name and renames it into place; -1 on error. */
int write_file_atomically(const char *path, const char *content);

/** The whole content of a small file (at most size-1 bytes), NUL-terminated; -1 on error. */
ssize_t read_small_file(const char *path, char *out, size_t size);

int set_nonblocking(int fd);

/** A listening unix stream socket at path (an old file there is replaced); -1 on error. */
int listen_unix(const char *path);

/**
 * Accepts one connection on a listening console socket (runc's --console-socket) and returns the pty master runc
 * sends on it; -1 when no connection was waiting or it carried no descriptor.
 */
int accept_terminal(int console);

/** The current time as RFC 3339 with nanoseconds in UTC, e.g. 2024-05-01T10:00:00.123456789Z. */
void format_now(char out[40]);

/** Monotonic milliseconds. */
long long now_millis(void);

/**
 * Runs argv with stdin, stdout and stderr set to the given descriptors (-1: /dev/null) and every other descriptor
 * closed, with default signal dispositions and an empty signal mask; returns the child's pid or -1.
 */
pid_t spawn(char *const argv[], int in, int out, int err);

/** Sets the window size of a terminal; -1 on error. */
int resize_terminal(int fd, unsigned rows, unsigned cols);

/** Parses "RESIZE <rows> <cols>"; 0 when it is one. */
int parse_resize(const char *line, unsigned *rows, unsigned *cols);

/** Parses "SIGNAL <number>" (a signal number of this system); 0 when it is one. */
int parse_signal(const char *line, int *number);

/* --------------------------------------------------------------- jsonlog.c */

#define STREAM_STDOUT 1
#define STREAM_STDERR 2

/**
 * Docker's json-file log: one record per line of output, {"log":"...","stream":"stdout","time":"<RFC 3339>"},
 * lines longer than 16 KiB split into several records, rotation by size into <file>.1 ... <file>.<n-1>.
 */
struct jsonlog {
    int fd;
    const char *path;
    long long max_size;
    int max_files;
    long long size;
    struct buf pending[3]; /* the unfinished line of each stream, indexed by STREAM_* */
};

int jsonlog_open(struct jsonlog *log, const char *path, long long max_size, int max_files);
void jsonlog_write(struct jsonlog *log, int stream, const char *data, size_t n);
/** Writes the unfinished lines as records (at the end of the output). */
void jsonlog_flush(struct jsonlog *log);
void jsonlog_close(struct jsonlog *log);

/** Appends text as the content of a JSON string (without quotes), invalid UTF-8 replaced by U+FFFD. */
void json_escape(struct buf *out, const char *text, size_t n);

/* ------------------------------------------------------------------ run.c */

struct run_options {
    const char *runtime;
    const char *runtime_root;
    const char *id;
    const char *bundle;
    const char *state;
    const char *socket;
    const char *console;
    const char *log;
    long long log_max_size;
    int log_max_files;
    int tty;
    int stdin_open;
    int stdin_once;
};

int shim_run(const struct run_options *options);

/* ----------------------------------------------------------------- exec.c */

struct exec_options {
    const char *runtime;
    const char *runtime_root;
    const char *id;
    const char *process;
    const char *control;
    const char *console;
    const char *pid_file;
};

int shim_exec(const struct exec_options *options);

#endif
