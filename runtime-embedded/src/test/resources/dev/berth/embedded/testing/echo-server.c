/*
 * Berth's test echo server. For every port given on the command line it answers, on all addresses,
 *   UDP: each datagram with a datagram "udp <port> <what it received>";
 *   TCP: each connection with "tcp <port> <the first line it received>", then closes it.
 * Prints "ready" once every socket is bound. Built static (cc -static -O2) into a FROM-scratch test image, so it
 * needs no files, no resolver and no shell.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PORTS 16
#define BUFFER 4096

struct listener {
    int fd;
    int port;
    int type;
};

/* A socket bound to every address: dual-stack IPv6 when the namespace has IPv6, else IPv4. */
static int open_socket(int type, int port) {
    int one = 1;
    int zero = 0;
    int fd = socket(AF_INET6, type, 0);
    if (fd >= 0) {
        struct sockaddr_in6 address;
        memset(&address, 0, sizeof address);
        address.sin6_family = AF_INET6;
        address.sin6_port = htons((unsigned short) port);
        address.sin6_addr = in6addr_any;
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (struct sockaddr *) &address, sizeof address) == 0) {
            return fd;
        }
        close(fd);
    }
    fd = socket(AF_INET, type, 0);
    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    struct sockaddr_in address4;
    memset(&address4, 0, sizeof address4);
    address4.sin_family = AF_INET;
    address4.sin_port = htons((unsigned short) port);
    address4.sin_addr.s_addr = htonl(INADDR_ANY);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *) &address4, sizeof address4) != 0) {
        fprintf(stderr, "bind %s port %d: %s\n", type == SOCK_DGRAM ? "udp" : "tcp", port, strerror(errno));
        exit(1);
    }
    return fd;
}

static void answer_datagram(const struct listener *l) {
    char in[BUFFER];
    char out[BUFFER + 32];
    struct sockaddr_storage peer;
    socklen_t peer_length = sizeof peer;
    ssize_t n = recvfrom(l->fd, in, sizeof in, 0, (struct sockaddr *) &peer, &peer_length);
    if (n < 0) {
        return;
    }
    int head = snprintf(out, sizeof out, "udp %d ", l->port);
    memcpy(out + head, in, (size_t) n);
    sendto(l->fd, out, (size_t) head + (size_t) n, 0, (struct sockaddr *) &peer, peer_length);
}

/* Runs in a child process: reads up to the first newline (or end of stream), answers, closes. */
static void answer_connection(int fd, int port) {
    char in[BUFFER];
    char out[BUFFER + 32];
    size_t used = 0;
    while (used < sizeof in) {
        ssize_t n = read(fd, in + used, sizeof in - used);
        if (n <= 0) {
            break;
        }
        used += (size_t) n;
        if (memchr(in, '\n', used) != NULL) {
            break;
        }
    }
    int head = snprintf(out, sizeof out, "tcp %d ", port);
    memcpy(out + head, in, used);
    size_t length = (size_t) head + used;
    size_t written = 0;
    while (written < length) {
        ssize_t n = write(fd, out + written, length - written);
        if (n <= 0) {
            break;
        }
        written += (size_t) n;
    }
    close(fd);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc - 1 > MAX_PORTS) {
        fprintf(stderr, "usage: echo-server PORT... (1 to %d ports)\n", MAX_PORTS);
        return 2;
    }
    signal(SIGCHLD, SIG_IGN); /* connection children are reaped by the kernel */
    struct listener listeners[2 * MAX_PORTS];
    struct pollfd polled[2 * MAX_PORTS];
    int count = 0;
    for (int i = 1; i < argc; i++) {
        int port = atoi(argv[i]);
        if (port < 1 || port > 65535) {
            fprintf(stderr, "invalid port '%s'\n", argv[i]);
            return 2;
        }
        listeners[count++] = (struct listener) {open_socket(SOCK_DGRAM, port), port, SOCK_DGRAM};
        int tcp = open_socket(SOCK_STREAM, port);
        if (listen(tcp, 64) != 0) {
            perror("listen");
            return 1;
        }
        listeners[count++] = (struct listener) {tcp, port, SOCK_STREAM};
    }
    for (int i = 0; i < count; i++) {
        polled[i] = (struct pollfd) {listeners[i].fd, POLLIN, 0};
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        if (poll(polled, (nfds_t) count, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("poll");
            return 1;
        }
        for (int i = 0; i < count; i++) {
            if (!(polled[i].revents & POLLIN)) {
                continue;
            }
            if (listeners[i].type == SOCK_DGRAM) {
                answer_datagram(&listeners[i]);
                continue;
            }
            int connection = accept(listeners[i].fd, NULL, NULL);
            if (connection < 0) {
                continue;
            }
            pid_t child = fork();
            if (child == 0) {
                answer_connection(connection, listeners[i].port);
                _exit(0);
            }
            close(connection);
        }
    }
}
