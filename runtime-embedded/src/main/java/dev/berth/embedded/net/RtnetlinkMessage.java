package dev.berth.embedded.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The few rtnetlink requests {@link NamespaceNetlink} sends, encoded as the kernel reads them (host byte order,
 * attributes padded to 4 bytes, nested attributes carrying their total length), and the check of the kernel's
 * acknowledgement. Every request asks for an acknowledgement ({@code NLM_F_ACK}).
 */
final class RtnetlinkMessage {
    static final short NLMSG_ERROR = 2;
    static final short RTM_NEWLINK = 16;
    static final short RTM_NEWADDR = 20;
    static final short RTM_NEWROUTE = 24;
    static final short NLM_F_REQUEST = 1;
    static final short NLM_F_ACK = 4;
    static final short NLM_F_REPLACE = 0x100;
    static final short NLM_F_EXCL = 0x200;
    static final short NLM_F_CREATE = 0x400;
    static final int IFF_UP = 1;
    static final short IFA_ADDRESS = 1;
    static final short IFA_LOCAL = 2;
    static final short IFA_BROADCAST = 4;
    static final short RTA_DST = 1;
    static final short RTA_OIF = 4;
    static final short RTA_GATEWAY = 5;
    static final short IFLA_ADDRESS = 1;
    static final short IFLA_IFNAME = 3;
    static final short IFLA_MASTER = 10;
    static final short IFLA_LINKINFO = 18;
    static final short IFLA_NET_NS_FD = 28;
    static final short IFLA_INFO_KIND = 1;
    static final short IFLA_INFO_DATA = 2;
    static final short VETH_INFO_PEER = 1;
    static final byte IFA_F_NODAD = 0x02;
    private static final byte AF_INET = 2;
    private static final byte AF_INET6 = 10;
    private static final byte RT_SCOPE_UNIVERSE = 0;
    private static final byte RT_SCOPE_LINK = (byte) 253;
    private static final byte RT_TABLE_MAIN = (byte) 254;
    private static final byte RTPROT_BOOT = 3;
    private static final byte RTN_UNICAST = 1;

    private RtnetlinkMessage() {
    }

    /** RTM_NEWLINK on an existing interface: set it up. */
    static byte[] linkUp(int seq, int index) {
        ByteBuffer b = header(RTM_NEWLINK, (short) 0, seq);
        ifinfo(b, index, IFF_UP);
        return finish(b);
    }

    /** RTM_NEWADDR: an IPv4 address with its prefix length and broadcast on an interface. */
    static byte[] newAddress(int seq, int index, int address, int prefix, int broadcast) {
        ByteBuffer b = header(RTM_NEWADDR, (short) (NLM_F_CREATE | NLM_F_EXCL), seq);
        b.put(AF_INET).put((byte) prefix).put((byte) 0).put((byte) 0).putInt(index);
        ipv4Attribute(b, IFA_LOCAL, address);
        ipv4Attribute(b, IFA_ADDRESS, address);
        ipv4Attribute(b, IFA_BROADCAST, broadcast);
        return finish(b);
    }

    /**
     * RTM_NEWADDR: an IPv6 address (16 bytes, network order) with its prefix length, without duplicate address
     * detection so that it is usable at once (the engine hands out each address once per network).
     */
    static byte[] newAddress6(int seq, int index, byte[] address, int prefix) {
        ByteBuffer b = header(RTM_NEWADDR, (short) (NLM_F_CREATE | NLM_F_EXCL), seq);
        b.put(AF_INET6).put((byte) prefix).put(IFA_F_NODAD).put((byte) 0).putInt(index);
        bytesAttribute(b, IFA_LOCAL, address);
        bytesAttribute(b, IFA_ADDRESS, address);
        return finish(b);
    }

    /** RTM_NEWROUTE, create or replace: the IPv6 default route via {@code gateway} out of interface {@code index}. */
    static byte[] defaultRoute6(int seq, int index, byte[] gateway) {
        ByteBuffer b = header(RTM_NEWROUTE, (short) (NLM_F_CREATE | NLM_F_REPLACE), seq);
        rtmsg(b, AF_INET6, 0, RT_SCOPE_UNIVERSE);
        bytesAttribute(b, RTA_GATEWAY, gateway);
        intAttribute(b, RTA_OIF, index);
        return finish(b);
    }

    /** RTM_NEWROUTE, create or replace: {@code destination/prefix} directly on the link of interface {@code index}. */
    static byte[] onLinkRoute(int seq, int index, byte[] destination, int prefix) {
        ByteBuffer b = header(RTM_NEWROUTE, (short) (NLM_F_CREATE | NLM_F_REPLACE), seq);
        rtmsg(b, destination.length == 16 ? AF_INET6 : AF_INET, prefix, RT_SCOPE_LINK);
        bytesAttribute(b, RTA_DST, destination);
        intAttribute(b, RTA_OIF, index);
        return finish(b);
    }

    /** struct rtmsg of a main-table unicast route: family, dst_len, src_len, tos, table, protocol, scope, type, flags. */
    private static void rtmsg(ByteBuffer b, byte family, int destinationLength, byte scope) {
        b.put(family).put((byte) destinationLength).put((byte) 0).put((byte) 0).put(RT_TABLE_MAIN).put(RTPROT_BOOT)
                .put(scope).put(RTN_UNICAST).putInt(0);
    }

    /** RTM_NEWROUTE, create or replace: the default route via {@code gateway} out of interface {@code index}. */
    static byte[] defaultRoute(int seq, int index, int gateway) {
        ByteBuffer b = header(RTM_NEWROUTE, (short) (NLM_F_CREATE | NLM_F_REPLACE), seq);
        // family, dst_len 0 (default), src_len, tos, table, protocol, scope universe, type; flags
        b.put(AF_INET).put((byte) 0).put((byte) 0).put((byte) 0).put(RT_TABLE_MAIN).put(RTPROT_BOOT)
                .put((byte) 0).put(RTN_UNICAST).putInt(0);
        ipv4Attribute(b, RTA_GATEWAY, gateway);
        intAttribute(b, RTA_OIF, index);
        return finish(b);
    }

    /**
     * RTM_NEWLINK, create: a veth pair whose end {@code hostVeth} is in the bridge {@code bridgeIndex} and up, and
     * whose peer {@code ifname} with {@code mac} is moved into the namespace open as {@code namespaceFd}.
     */
    static byte[] newVeth(int seq, String hostVeth, int bridgeIndex, String ifname, String mac, int namespaceFd) {
        ByteBuffer b = header(RTM_NEWLINK, (short) (NLM_F_CREATE | NLM_F_EXCL), seq);
        ifinfo(b, 0, IFF_UP);
        stringAttribute(b, IFLA_IFNAME, hostVeth);
        intAttribute(b, IFLA_MASTER, bridgeIndex);
        int linkInfo = begin(b, IFLA_LINKINFO);
        stringAttribute(b, IFLA_INFO_KIND, "veth");
        int data = begin(b, IFLA_INFO_DATA);
        int peer = begin(b, VETH_INFO_PEER);
        ifinfo(b, 0, 0);
        stringAttribute(b, IFLA_IFNAME, ifname);
        b.putShort((short) 10).putShort(IFLA_ADDRESS).put(macBytes(mac));
        pad(b);
        intAttribute(b, IFLA_NET_NS_FD, namespaceFd);
        end(b, peer);
        end(b, data);
        end(b, linkInfo);
        return finish(b);
    }

    /**
     * The errno of the kernel's acknowledgement ({@code NLMSG_ERROR} carrying 0 or a negative errno), as a positive
     * number or 0 for success.
     */
    static int ackError(byte[] answer, int length) {
        ByteBuffer reply = ByteBuffer.wrap(answer, 0, length).order(ByteOrder.nativeOrder());
        if (length < 20 || reply.getShort(4) != NLMSG_ERROR) {
            throw new NetworkException("unexpected netlink answer (" + length + " bytes, type "
                    + (length >= 6 ? reply.getShort(4) : -1) + ")");
        }
        return -reply.getInt(16);
    }

    private static ByteBuffer header(short type, short flags, int seq) {
        ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        buffer.putInt(0).putShort(type).putShort((short) (flags | NLM_F_REQUEST | NLM_F_ACK)).putInt(seq).putInt(0);
        return buffer;
    }

    /** struct ifinfomsg: family, pad, type, index, flags and the mask of flags to change. */
    private static void ifinfo(ByteBuffer b, int index, int flags) {
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(flags);
    }

    private static byte[] finish(ByteBuffer buffer) {
        buffer.putInt(0, buffer.position());
        byte[] bytes = new byte[buffer.position()];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    private static void stringAttribute(ByteBuffer b, short type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        b.putShort((short) (4 + bytes.length + 1)).putShort(type).put(bytes).put((byte) 0);
        pad(b);
    }

    private static void intAttribute(ByteBuffer b, short type, int value) {
        b.putShort((short) 8).putShort(type).putInt(value);
    }

    /** An attribute holding raw bytes (an address in network byte order), padded. */
    private static void bytesAttribute(ByteBuffer b, short type, byte[] value) {
        b.putShort((short) (4 + value.length)).putShort(type).put(value);
        pad(b);
    }

    /** An attribute holding an IPv4 address in network byte order. */
    private static void ipv4Attribute(ByteBuffer b, short type, int address) {
        b.putShort((short) 8).putShort(type);
        b.put((byte) (address >>> 24)).put((byte) (address >>> 16)).put((byte) (address >>> 8)).put((byte) address);
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
        if (parts.length != 6) {
            throw new IllegalArgumentException("invalid MAC address '" + mac + "': expected 6 hex pairs");
        }
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }
}
