/*
 * berth-shim: command line.
 *
 *   berth-shim run --runtime PATH --runtime-root DIR --id ID --bundle DIR --state DIR --socket PATH --log FILE
 *                  [--log-max-size BYTES] [--log-max-files N] [--tty --console PATH] [--stdin] [--stdin-once]
 *   berth-shim exec --runtime PATH --runtime-root DIR --id ID --process FILE --control PATH --console PATH
 *                   --pid-file PATH
 *
 * Socket paths must fit sockaddr_un (at most 107 bytes).
 *
 * See run.c and exec.c for what each mode does.
 */
#include "berth-shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: berth-shim run --runtime PATH --runtime-root DIR --id ID --bundle DIR --state DIR --socket PATH\n"
    "                      --log FILE [--log-max-size BYTES] [--log-max-files N] [--tty --console PATH]\n"
    "                      [--stdin] [--stdin-once]\n"
    "       berth-shim exec --runtime PATH --runtime-root DIR --id ID --process FILE --control PATH\n"
    "                       --console PATH --pid-file PATH\n";

static int usage(const char *problem, const char *argument) {
    fprintf(stderr, "berth-shim: %s%s\n%s", problem, argument == NULL ? "" : argument, USAGE);
    return 2;
}

/** The value of option argv[*i] (advancing *i), or NULL when it has none. */
static const char *value(int argc, char **argv, int *i) {
    return *i + 1 < argc ? argv[++*i] : NULL;
}

static int parse_run(int argc, char **argv, struct run_options *o) {
    memset(o, 0, sizeof *o);
    o->log_max_files = 1;
    for (int i = 2; i < argc; i++) {
        const char *name = argv[i];
        const char **text = NULL;
        if (strcmp(name, "--tty") == 0) {
            o->tty = 1;
        } else if (strcmp(name, "--stdin") == 0) {
            o->stdin_open = 1;
        } else if (strcmp(name, "--stdin-once") == 0) {
            o->stdin_once = 1;
        } else if (strcmp(name, "--runtime") == 0) {
            text = &o->runtime;
        } else if (strcmp(name, "--runtime-root") == 0) {
            text = &o->runtime_root;
        } else if (strcmp(name, "--id") == 0) {
            text = &o->id;
        } else if (strcmp(name, "--bundle") == 0) {
            text = &o->bundle;
        } else if (strcmp(name, "--state") == 0) {
            text = &o->state;
        } else if (strcmp(name, "--socket") == 0) {
            text = &o->socket;
        } else if (strcmp(name, "--console") == 0) {
            text = &o->console;
        } else if (strcmp(name, "--log") == 0) {
            text = &o->log;
        } else if (strcmp(name, "--log-max-size") == 0 || strcmp(name, "--log-max-files") == 0) {
            const char *number = value(argc, argv, &i);
            char *end;
            long long parsed = number == NULL ? -1 : strtoll(number, &end, 10);
            if (number == NULL || *end != '\0' || parsed < 0) {
                return usage("a number >= 0 is needed after ", name);
            }
            if (name[10] == 's') {
                o->log_max_size = parsed;
            } else {
                o->log_max_files = (int) parsed;
            }
        } else {
            return usage("unknown option ", name);
        }
        if (text != NULL && (*text = value(argc, argv, &i)) == NULL) {
            return usage("a value is needed after ", name);
        }
    }
    if (!o->runtime || !o->runtime_root || !o->id || !o->bundle || !o->state || !o->socket || !o->log) {
        return usage("run needs --runtime, --runtime-root, --id, --bundle, --state, --socket and --log", NULL);
    }
    if (o->tty && !o->console) {
        return usage("--tty needs --console", NULL);
    }
    return 0;
}

static int parse_exec(int argc, char **argv, struct exec_options *o) {
    memset(o, 0, sizeof *o);
    for (int i = 2; i < argc; i++) {
        const char *name = argv[i];
        const char **text;
        if (strcmp(name, "--runtime") == 0) {
            text = &o->runtime;
        } else if (strcmp(name, "--runtime-root") == 0) {
            text = &o->runtime_root;
        } else if (strcmp(name, "--id") == 0) {
            text = &o->id;
        } else if (strcmp(name, "--process") == 0) {
            text = &o->process;
        } else if (strcmp(name, "--control") == 0) {
            text = &o->control;
        } else if (strcmp(name, "--console") == 0) {
            text = &o->console;
        } else if (strcmp(name, "--pid-file") == 0) {
            text = &o->pid_file;
        } else {
            return usage("unknown option ", name);
        }
        if ((*text = value(argc, argv, &i)) == NULL) {
            return usage("a value is needed after ", name);
        }
    }
    if (!o->runtime || !o->runtime_root || !o->id || !o->process || !o->control || !o->console || !o->pid_file) {
        return usage("exec needs --runtime, --runtime-root, --id, --process, --control, --console and --pid-file",
                     NULL);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "run") == 0) {
        struct run_options options;
        int problem = parse_run(argc, argv, &options);
        return problem != 0 ? problem : shim_run(&options);
    }
    if (argc >= 2 && strcmp(argv[1], "exec") == 0) {
        struct exec_options options;
        int problem = parse_exec(argc, argv, &options);
        return problem != 0 ? problem : shim_exec(&options);
    }
    return usage("the first argument is the mode: run or exec", NULL);
}
