/* Docker's json-file log format, as dev.berth.embedded.logs.JsonFileLogReader reads it. */
#include "berth-shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Docker splits longer lines into several records. */
#define MAX_LINE (16 * 1024)

static const char REPLACEMENT[] = "\xef\xbf\xbd";

/** The length of the valid UTF-8 sequence at text[0..n), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *text, size_t n) {
    unsigned char lead = text[0];
    size_t length;
    unsigned char low = 0x80, high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0) {
            low = 0xa0;
        } else if (lead == 0xed) {
            high = 0x9f;
        }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0) {
            low = 0x90;
        } else if (lead == 0xf4) {
            high = 0x8f;
        }
    } else {
        return 0;
    }
    if (n < length || text[1] < low || text[1] > high) {
        return 0;
    }
    for (size_t i = 2; i < length; i++) {
        if ((text[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    return length;
}

void json_escape(struct buf *out, const char *text, size_t n) {
    const unsigned char *p = (const unsigned char *) text;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t plain = i;
        while (plain < n && p[plain] >= 0x20 && p[plain] < 0x80 && p[plain] != '"' && p[plain] != '\\') {
            plain++;
        }
        if (plain > i) {
            buf_append(out, p + i, plain - i);
            i = plain;
            continue;
        }
        if (c >= 0x80) {
            size_t length = utf8_sequence(p + i, n - i);
            if (length == 0) {
                buf_append(out, REPLACEMENT, 3);
                i++;
            } else {
                buf_append(out, p + i, length);
                i += length;
            }
            continue;
        }
        const char *escape = NULL;
        switch (c) {
            case '"': escape = "\\\""; break;
            case '\\': escape = "\\\\"; break;
            case '\n': escape = "\\n"; break;
            case '\r': escape = "\\r"; break;
            case '\t': escape = "\\t"; break;
            case '\b': escape = "\\b"; break;
            case '\f': escape = "\\f"; break;
            default: break;
        }
        if (escape != NULL) {
            buf_append(out, escape, strlen(escape));
        } else {
            char unicode[8];
            snprintf(unicode, sizeof unicode, "\\u%04x", c);
            buf_append(out, unicode, 6);
        }
        i++;
    }
}

static int open_log(struct jsonlog *log) {
    log->fd = open(log->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (log->fd < 0) {
        return -1;
    }
    struct stat status;
    log->size = fstat(log->fd, &status) == 0 ? status.st_size : 0;
    return 0;
}

int jsonlog_open(struct jsonlog *log, const char *path, long long max_size, int max_files) {
    memset(log, 0, sizeof *log);
    log->path = path;
    log->max_size = max_size;
    log->max_files = max_files < 1 ? 1 : max_files;
    return open_log(log);
}

static void rotated_name(const struct jsonlog *log, int n, char *out, size_t size) {
    snprintf(out, size, "%s.%d", log->path, n);
}

static void rotate(struct jsonlog *log) {
    close(log->fd);
    if (log->max_files == 1) {
        log->fd = open(log->path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0640);
        log->size = 0;
        return;
    }
    char from[4096], to[4096];
    rotated_name(log, log->max_files - 1, to, sizeof to);
    unlink(to);
    for (int i = log->max_files - 2; i >= 1; i--) {
        rotated_name(log, i, from, sizeof from);
        rotated_name(log, i + 1, to, sizeof to);
        rename(from, to);
    }
    rotated_name(log, 1, to, sizeof to);
    rename(log->path, to);
    if (open_log(log) < 0) {
        shim_warn("cannot reopen the log %s after rotation: %s", log->path, strerror(errno));
    }
}

static void write_record(struct jsonlog *log, int stream, const char *line, size_t n) {
    if (log->fd < 0) {
        return;
    }
    char time[40];
    format_now(time);
    struct buf record = {0};
    buf_append(&record, "{\"log\":\"", 8);
    json_escape(&record, line, n);
    const char *middle = stream == STREAM_STDERR ? "\",\"stream\":\"stderr\",\"time\":\""
                                                 : "\",\"stream\":\"stdout\",\"time\":\"";
    buf_append(&record, middle, strlen(middle));
    buf_append(&record, time, strlen(time));
    buf_append(&record, "\"}\n", 3);
    if (log->max_size > 0 && log->size > 0 && log->size + (long long) record.len > log->max_size) {
        rotate(log);
    }
    if (log->fd >= 0 && write_all(log->fd, record.data, record.len) == 0) {
        log->size += (long long) record.len;
    }
    buf_free(&record);
}

/** Where to cut a full line so that no UTF-8 sequence is split: before an unfinished sequence at its end. */
static size_t cut_point(const struct buf *line) {
    const unsigned char *p = (const unsigned char *) line->data;
    size_t n = line->len;
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = p[n - back];
        if ((c & 0xc0) == 0x80) {
            continue;
        }
        size_t needed = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return needed > back && n - back > 0 ? n - back : n;
    }
    return n;
}

void jsonlog_write(struct jsonlog *log, int stream, const char *data, size_t n) {
    struct buf *line = &log->pending[stream];
    while (n > 0) {
        size_t room = MAX_LINE - line->len;
        size_t take = n < room ? n : room;
        const char *newline = memchr(data, '\n', take);
        if (newline != NULL) {
            take = (size_t) (newline - data) + 1;
        }
        buf_append(line, data, take);
        data += take;
        n -= take;
        if (newline != NULL) {
            write_record(log, stream, line->data, line->len);
            line->len = 0;
        } else if (line->len >= MAX_LINE) {
            size_t cut = cut_point(line);
            write_record(log, stream, line->data, cut);
            buf_consume(line, cut);
        }
    }
}

void jsonlog_flush(struct jsonlog *log) {
    for (int stream = STREAM_STDOUT; stream <= STREAM_STDERR; stream++) {
        if (log->pending[stream].len > 0) {
            write_record(log, stream, log->pending[stream].data, log->pending[stream].len);
            log->pending[stream].len = 0;
        }
    }
}

void jsonlog_close(struct jsonlog *log) {
    jsonlog_flush(log);
    if (log->fd >= 0) {
        close(log->fd);
        log->fd = -1;
    }
    for (int stream = 0; stream < 3; stream++) {
        buf_free(&log->pending[stream]);
    }
}
