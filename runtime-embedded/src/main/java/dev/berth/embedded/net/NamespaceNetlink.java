package dev.berth.embedded.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A container's network set-up by system calls instead of {@code ip} processes (5-25 ms each on a loaded machine):
 * <ul>
 *   <li>{@link #createNamespace}: {@code unshare(CLONE_NEWNET)} on a short-lived thread and a bind mount of its
 *       namespace onto {@code /run/netns/<name>} (what {@code ip netns add} does; {@link #deleteNamespace} undoes it);
 *   <li>{@link #createVeth}: one rtnetlink request for the veth pair, its host end in the bridge and up, the other end
 *       moved into the namespace with its name and MAC;
 *   <li>{@link #configure}: from a thread that joined the namespace ({@code setns(2)} changes only the calling
 *       thread), loopback up, the address with its broadcast (and the IPv6 address), the interface up, routes to the
 *       network's other subnets and, when asked, the default routes.
 * </ul>
 * {@link #available()} is false when JNA cannot load; {@link NetworkManager} then uses {@code ip -batch}.
 */
final class NamespaceNetlink {
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW_CLOEXEC = 3 | 0x80000;
    private static final int NETLINK_ROUTE = 0;

    private static final int EEXIST = 17;
    private static final int CREATE_FLAGS = 0x40 | 0x80 | 0x80000; // O_CREAT | O_EXCL | O_CLOEXEC
    private static final long MS_BIND = 4096;
    private static final int MNT_DETACH = 2;
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static volatile boolean netnsDirReady;

    private static final boolean AVAILABLE = load();

    private NamespaceNetlink() {
    }

    private static boolean load() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(NamespaceNetlink.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    static boolean available() {
        return AVAILABLE;
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    static native NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    static native int if_nametoindex(String name);

    static native int unshare(int flags) throws LastErrorException;

    static native int mount(String source, String target, String fstype, NativeLong flags, String data)
            throws LastErrorException;

    static native int umount2(String target, int flags) throws LastErrorException;

    static native int open(String path, int flags, int mode) throws LastErrorException;

    /**
     * Whether {@link #createNamespace} may be used: {@code /run/netns} is the shared mount {@code ip netns} sets up
     * (made by the first {@code ip netns add} on this host; until then the caller uses the command).
     */
    static boolean canCreateNamespaces() {
        if (!netnsDirReady) {
            try {
                netnsDirReady = java.nio.file.Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                        .anyMatch(line -> line.split(" ")[4].equals(NETNS_DIR.toString()) && line.contains("shared:"));
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return netnsDirReady;
    }

    /** Creates a named network namespace at {@code file} (in /run/netns) with only loopback (down). */
    static void createNamespace(Path file) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            String step = "creating " + file;
            try {
                close(open(file.toString(), CREATE_FLAGS, 0));
                step = "unsharing the network namespace";
                unshare(CLONE_NEWNET);
                step = "binding the namespace to " + file;
                mount("/proc/thread-self/ns/net", file.toString(), "none", new NativeLong(MS_BIND), null);
            } catch (LastErrorException e) {
                failure.set(new NetworkException(step + " failed: errno " + e.getErrorCode() + " (" + e.getMessage()
                        + ")"));
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // reported with the failure
                }
            }
        }, "berth-netns-create");
        runOn(worker, failure, "creating " + file);
    }

    /** Deletes a named namespace: detaches its mount and removes the file (its interfaces go with it). */
    static void deleteNamespace(Path file) {
        try {
            umount2(file.toString(), MNT_DETACH);
        } catch (LastErrorException e) {
            // not mounted any more (another process deleted it): only the file may be left
        }
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new NetworkException("deleting " + file + " failed: " + e.getMessage());
        }
    }

    /**
     * Creates the veth pair {@code hostVeth} (in {@code bridge}, up) and {@code ifname} with {@code mac}, moved into
     * the namespace at {@code namespace}; runs in the caller's (the host's) namespace.
     */
    static void createVeth(String hostVeth, String bridge, Path namespace, String ifname, String mac) {
        int bridgeIndex = if_nametoindex(bridge);
        if (bridgeIndex == 0) {
            throw new NetworkException("bridge " + bridge + " is missing: restore the network (re-open the engine)");
        }
        int nsFd = -1;
        int socket = -1;
        try {
            nsFd = open(namespace.toString(), O_RDONLY_CLOEXEC);
            socket = socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE);
            request(socket, RtnetlinkMessage.newVeth(1, hostVeth, bridgeIndex, ifname, mac, nsFd), false);
        } catch (LastErrorException e) {
            throw new NetworkException("creating veth " + hostVeth + " into " + namespace + " failed: errno "
                    + e.getErrorCode() + " (" + e.getMessage() + ")");
        } finally {
            if (socket >= 0) {
                close(socket);
            }
            if (nsFd >= 0) {
                close(nsFd);
            }
        }
    }

    private static void runOn(Thread worker, AtomicReference<RuntimeException> failure, String what) {
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while " + what);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Brings loopback up in the namespace at {@code namespace} (a container without networks). */
    static void loopbackUp(Path namespace) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            int nsFd = -1;
            int socket = -1;
            try {
                nsFd = open(namespace.toString(), O_RDONLY_CLOEXEC);
                setns(nsFd, CLONE_NEWNET);
                socket = socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE);
                request(socket, RtnetlinkMessage.linkUp(1, 1));
            } catch (LastErrorException e) {
                failure.set(new NetworkException("bringing lo up in " + namespace + " failed: errno "
                        + e.getErrorCode() + " (" + e.getMessage() + ")"));
            } finally {
                if (socket >= 0) {
                    close(socket);
                }
                if (nsFd >= 0) {
                    close(nsFd);
                }
            }
        }, "berth-netns-lo");
        runOn(worker, failure, "bringing lo up in " + namespace);
    }

    /**
     * Configures {@code endpoint}'s interface in the namespace at {@code namespace}, with routes straight onto its
     * link for {@code onLinkSubnets}; throws with the errno.
     */
    static void configure(Path namespace, Endpoint endpoint, List<String> onLinkSubnets) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                configureHere(namespace, endpoint, onLinkSubnets);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "berth-netns-config");
        runOn(worker, failure, "configuring " + endpoint.ifname() + " in " + namespace);
    }

    /** Runs on the worker thread: joins the namespace (for this thread only) and sends the requests. */
    private static void configureHere(Path namespace, Endpoint endpoint, List<String> onLinkSubnets) {
        String step = "joining the namespace";
        int nsFd = -1;
        int socket = -1;
        try {
            nsFd = open(namespace.toString(), O_RDONLY_CLOEXEC);
            setns(nsFd, CLONE_NEWNET);
            step = "opening a netlink socket";
            socket = socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE);
            step = "bringing lo up";
            request(socket, RtnetlinkMessage.linkUp(1, 1));
            int index = if_nametoindex(endpoint.ifname());
            if (index == 0) {
                throw new NetworkException("interface " + endpoint.ifname() + " is missing in " + namespace);
            }
            int address = Ipv4.parse(endpoint.ipv4());
            int mask = endpoint.prefix() == 0 ? 0 : -1 << (32 - endpoint.prefix());
            step = "adding address " + endpoint.ipv4() + "/" + endpoint.prefix();
            request(socket, RtnetlinkMessage.newAddress(3, index, address, endpoint.prefix(), address | ~mask));
            if (endpoint.hasIpv6()) {
                step = "adding address " + endpoint.ipv6() + "/" + endpoint.ipv6Prefix();
                request(socket, RtnetlinkMessage.newAddress6(4, index, Ipv6.bytes(endpoint.ipv6()),
                        endpoint.ipv6Prefix()));
            }
            step = "bringing " + endpoint.ifname() + " up";
            request(socket, RtnetlinkMessage.linkUp(5, index));
            int seq = 6;
            for (String subnet : onLinkSubnets) {
                step = "adding the route to " + subnet;
                IpPrefix prefix = IpPrefix.parse(subnet);
                String network = prefix.format(prefix.network());
                request(socket, RtnetlinkMessage.onLinkRoute(seq++, index, prefix.ipv6() ? Ipv6.bytes(network)
                        : Ipv4.bytes(network), prefix.prefix()));
            }
            if (endpoint.defaultRoute()) {
                step = "adding the default route via " + endpoint.gateway();
                request(socket, RtnetlinkMessage.defaultRoute(seq++, index, Ipv4.parse(endpoint.gateway())));
                if (!endpoint.ipv6Gateway().isEmpty()) {
                    step = "adding the IPv6 default route via " + endpoint.ipv6Gateway();
                    request(socket, RtnetlinkMessage.defaultRoute6(seq, index, Ipv6.bytes(endpoint.ipv6Gateway())));
                }
            }
        } catch (LastErrorException e) {
            throw new NetworkException(step + " in " + namespace + " failed: errno " + e.getErrorCode() + " ("
                    + e.getMessage() + ")");
        } finally {
            if (socket >= 0) {
                close(socket);
            }
            if (nsFd >= 0) {
                close(nsFd);
            }
        }
    }

    private static void request(int socket, byte[] message) {
        request(socket, message, true);
    }

    /** Sends one request and reads its acknowledgement; with {@code existingIsDone}, EEXIST counts as done. */
    private static void request(int socket, byte[] message, boolean existingIsDone) {
        send(socket, message, new NativeLong(message.length), 0);
        byte[] answer = new byte[8192];
        int length = recv(socket, answer, new NativeLong(answer.length), 0).intValue();
        int error = RtnetlinkMessage.ackError(answer, length);
        if (error != 0 && !(existingIsDone && error == EEXIST)) {
            throw new LastErrorException(error);
        }
    }
}
