package dev.berth.embedded.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A container's network set-up by system calls instead of {@code ip} processes (5-25 ms each on a loaded machine):
 * <ul>
 *   <li>{@link #createNamespace}: {@code unshare(CLONE_NEWNET)} on a short-lived thread and a bind mount of its
 *       namespace onto {@code /run/netns/<name>} (what {@code ip netns add} does; {@link #deleteNamespace} undoes it);
 *   <li>{@link #createVeth}: one rtnetlink request for the veth pair, its host end in the bridge and up, the other end
 *       moved into the namespace with its name and MAC;
 *   <li>{@link #configure}: from a thread that joined the namespace ({@code setns(2)} changes only the calling
 *       thread), loopback up, the address with its broadcast, the interface up and, when asked, the default route.
 * </ul>
 * {@link #available()} is false when JNA cannot load; {@link NetworkManager} then uses {@code ip -batch}.
 */
final class NamespaceNetlink {
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW_CLOEXEC = 3 | 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final int AF_INET = 2;

    private static final short NLMSG_ERROR = 2;
    private static final short RTM_NEWLINK = 16;
    private static final short RTM_NEWADDR = 20;
    private static final short RTM_NEWROUTE = 24;
    private static final short NLM_F_REQUEST = 1;
    private static final short NLM_F_ACK = 4;
    private static final short NLM_F_REPLACE = 0x100;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;
    private static final int IFF_UP = 1;
    private static final short IFA_ADDRESS = 1;
    private static final short IFA_LOCAL = 2;
    private static final short IFA_BROADCAST = 4;
    private static final short RTA_OIF = 4;
    private static final short RTA_GATEWAY = 5;
    private static final int EEXIST = 17;
    private static final int CREATE_FLAGS = 0x40 | 0x80 | 0x80000; // O_CREAT | O_EXCL | O_CLOEXEC
    private static final long MS_BIND = 4096;
    private static final int MNT_DETACH = 2;
    private static final short IFLA_ADDRESS = 1;
    private static final short IFLA_IFNAME = 3;
    private static final short IFLA_MASTER = 10;
    private static final short IFLA_LINKINFO = 18;
    private static final short IFLA_NET_NS_FD = 28;
    private static final short IFLA_INFO_KIND = 1;
    private static final short IFLA_INFO_DATA = 2;
    private static final short VETH_INFO_PEER = 1;
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
            ByteBuffer b = header(RTM_NEWLINK, (short) (NLM_F_CREATE | NLM_F_EXCL), 1);
            b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0).putInt(IFF_UP).putInt(IFF_UP);
            stringAttribute(b, IFLA_IFNAME, hostVeth);
            b.putShort((short) 8).putShort(IFLA_MASTER).putInt(bridgeIndex);
            int linkInfo = begin(b, IFLA_LINKINFO);
            stringAttribute(b, IFLA_INFO_KIND, "veth");
            int data = begin(b, IFLA_INFO_DATA);
            int peer = begin(b, VETH_INFO_PEER);
            b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0).putInt(0).putInt(0);
            stringAttribute(b, IFLA_IFNAME, ifname);
            b.putShort((short) 10).putShort(IFLA_ADDRESS).put(macBytes(mac)).putShort((short) 0);
            b.putShort((short) 8).putShort(IFLA_NET_NS_FD).putInt(nsFd);
            end(b, peer);
            end(b, data);
            end(b, linkInfo);
            request(socket, finish(b), false);
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
                request(socket, link(1, 1));
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

    /** Configures {@code endpoint}'s interface in the namespace at {@code namespace}; throws with the errno. */
    static void configure(Path namespace, Endpoint endpoint) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                configureHere(namespace, endpoint);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "berth-netns-config");
        runOn(worker, failure, "configuring " + endpoint.ifname() + " in " + namespace);
    }

    /** Runs on the worker thread: joins the namespace (for this thread only) and sends the requests. */
    private static void configureHere(Path namespace, Endpoint endpoint) {
        String step = "joining the namespace";
        int nsFd = -1;
        int socket = -1;
        try {
            nsFd = open(namespace.toString(), O_RDONLY_CLOEXEC);
            setns(nsFd, CLONE_NEWNET);
            step = "opening a netlink socket";
            socket = socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE);
            step = "bringing lo up";
            request(socket, link(1, 1));
            int index = if_nametoindex(endpoint.ifname());
            if (index == 0) {
                throw new NetworkException("interface " + endpoint.ifname() + " is missing in " + namespace);
            }
            int address = Ipv4.parse(endpoint.ipv4());
            int mask = endpoint.prefix() == 0 ? 0 : -1 << (32 - endpoint.prefix());
            step = "adding address " + endpoint.ipv4() + "/" + endpoint.prefix();
            request(socket, address(3, index, address, endpoint.prefix(), address | ~mask));
            step = "bringing " + endpoint.ifname() + " up";
            request(socket, link(4, index));
            if (endpoint.defaultRoute()) {
                step = "adding the default route via " + endpoint.gateway();
                request(socket, defaultRoute(5, index, Ipv4.parse(endpoint.gateway())));
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

    private static void request(int socket, ByteBuffer message) {
        request(socket, message, true);
    }

    /** Sends one request and reads its acknowledgement; with {@code existingIsDone}, EEXIST counts as done. */
    private static void request(int socket, ByteBuffer message, boolean existingIsDone) {
        byte[] bytes = new byte[message.position()];
        message.flip();
        message.get(bytes);
        send(socket, bytes, new NativeLong(bytes.length), 0);
        byte[] answer = new byte[8192];
        int length = recv(socket, answer, new NativeLong(answer.length), 0).intValue();
        ByteBuffer reply = ByteBuffer.wrap(answer, 0, length).order(ByteOrder.nativeOrder());
        if (length < 20 || reply.getShort(4) != NLMSG_ERROR) {
            throw new NetworkException("unexpected netlink answer (" + length + " bytes)");
        }
        int error = -reply.getInt(16);
        if (error != 0 && !(existingIsDone && error == EEXIST)) {
            throw new LastErrorException(error);
        }
    }

    private static ByteBuffer header(short type, short flags, int seq) {
        ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        buffer.putInt(0).putShort(type).putShort((short) (flags | NLM_F_REQUEST | NLM_F_ACK)).putInt(seq).putInt(0);
        return buffer;
    }

    private static ByteBuffer finish(ByteBuffer buffer) {
        buffer.putInt(0, buffer.position());
        return buffer;
    }

    /** RTM_NEWLINK on an existing interface: set IFF_UP. */
    private static ByteBuffer link(int seq, int index) {
        ByteBuffer b = header(RTM_NEWLINK, (short) 0, seq);
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(IFF_UP).putInt(IFF_UP);
        return finish(b);
    }

    private static ByteBuffer address(int seq, int index, int address, int prefix, int broadcast) {
        ByteBuffer b = header(RTM_NEWADDR, (short) (NLM_F_CREATE | NLM_F_EXCL), seq);
        b.put((byte) AF_INET).put((byte) prefix).put((byte) 0).put((byte) 0).putInt(index);
        ipv4Attribute(b, IFA_LOCAL, address);
        ipv4Attribute(b, IFA_ADDRESS, address);
        ipv4Attribute(b, IFA_BROADCAST, broadcast);
        return finish(b);
    }

    private static ByteBuffer defaultRoute(int seq, int index, int gateway) {
        ByteBuffer b = header(RTM_NEWROUTE, (short) (NLM_F_CREATE | NLM_F_REPLACE), seq);
        // family, dst_len 0 (default), src_len, tos, table main, protocol boot, scope universe, type unicast
        b.put((byte) AF_INET).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 254).put((byte) 3)
                .put((byte) 0).put((byte) 1).putInt(0);
        ipv4Attribute(b, RTA_GATEWAY, gateway);
        b.putShort((short) 8).putShort(RTA_OIF).putInt(index);
        return finish(b);
    }

    private static void stringAttribute(ByteBuffer b, short type, String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 4 + bytes.length + 1;
        b.putShort((short) length).putShort(type).put(bytes).put((byte) 0);
        pad(b);
    }

    /** Starts a nested attribute; returns its position for {@link #end}. */
    private static int begin(ByteBuffer b, short type) {
        int start = b.position();
        b.putShort((short) 0).putShort(type);
        return start;
    }

    private static void end(ByteBuffer b, int start) {
        b.putShort(start, (short) (b.position() - start));
    }

    private static void pad(ByteBuffer b) {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private static byte[] macBytes(String mac) {
        String[] parts = mac.split(":");
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    /** An attribute holding an IPv4 address in network byte order. */
    private static void ipv4Attribute(ByteBuffer b, short type, int address) {
        b.putShort((short) 8).putShort(type);
        b.put((byte) (address >>> 24)).put((byte) (address >>> 16)).put((byte) (address >>> 8)).put((byte) address);
    }
}
