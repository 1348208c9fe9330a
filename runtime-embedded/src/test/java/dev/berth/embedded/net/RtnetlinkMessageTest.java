package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rtnetlink encoding, read back the way the kernel parses it (no root needed). */
class RtnetlinkMessageTest {

    @Test
    void linkUpIsAnAcknowledgedNewlinkSettingIffUp() {
        ByteBuffer m = wrap(RtnetlinkMessage.linkUp(7, 3));
        assertEquals(32, m.getInt(0), "nlmsghdr + ifinfomsg");
        assertEquals(RtnetlinkMessage.RTM_NEWLINK, m.getShort(4));
        assertEquals(RtnetlinkMessage.NLM_F_REQUEST | RtnetlinkMessage.NLM_F_ACK, m.getShort(6));
        assertEquals(7, m.getInt(8));
        assertEquals(3, m.getInt(20), "interface index");
        assertEquals(1, m.getInt(24), "IFF_UP");
        assertEquals(1, m.getInt(28), "change mask IFF_UP");
    }

    @Test
    void newAddressCarriesTheAddressAndBroadcastInNetworkOrder() {
        byte[] bytes = RtnetlinkMessage.newAddress(1, 5, Ipv4.parse("172.30.4.9"), 24, Ipv4.parse("172.30.4.255"));
        ByteBuffer m = wrap(bytes);
        assertEquals(bytes.length, m.getInt(0));
        assertEquals(2, m.get(16), "AF_INET");
        assertEquals(24, m.get(17), "prefix length");
        assertEquals(5, m.getInt(20));
        Map<Short, byte[]> attributes = attributes(m, 24, bytes.length);
        assertArrayEquals(new byte[] {(byte) 172, 30, 4, 9}, attributes.get(RtnetlinkMessage.IFA_LOCAL));
        assertArrayEquals(new byte[] {(byte) 172, 30, 4, 9}, attributes.get(RtnetlinkMessage.IFA_ADDRESS));
        assertArrayEquals(new byte[] {(byte) 172, 30, 4, (byte) 255}, attributes.get(RtnetlinkMessage.IFA_BROADCAST));
    }

    @Test
    void ipv6AddressesSkipDuplicateAddressDetectionAndRoutesCarryTheirFamily() {
        byte[] address = RtnetlinkMessage.newAddress6(1, 5, Ipv6.bytes("fd00:beef::2"), 64);
        ByteBuffer a = wrap(address);
        assertEquals(10, a.get(16), "AF_INET6");
        assertEquals(64, a.get(17), "prefix length");
        assertEquals(RtnetlinkMessage.IFA_F_NODAD, a.get(18), "no duplicate address detection");
        assertArrayEquals(Ipv6.bytes("fd00:beef::2"), attributes(a, 24, address.length).get(RtnetlinkMessage.IFA_LOCAL));

        byte[] route = RtnetlinkMessage.defaultRoute6(2, 5, Ipv6.bytes("fd00:beef::1"));
        ByteBuffer r = wrap(route);
        assertEquals(10, r.get(16), "AF_INET6");
        assertEquals(0, r.get(17), "default: destination length 0");
        Map<Short, byte[]> routeAttributes = attributes(r, 28, route.length);
        assertArrayEquals(Ipv6.bytes("fd00:beef::1"), routeAttributes.get(RtnetlinkMessage.RTA_GATEWAY));
        assertEquals(5, wrap(routeAttributes.get(RtnetlinkMessage.RTA_OIF)).getInt(0));

        byte[] onLink = RtnetlinkMessage.onLinkRoute(3, 5, Ipv4.bytes("10.2.0.0"), 24);
        ByteBuffer l = wrap(onLink);
        assertEquals(2, l.get(16), "AF_INET");
        assertEquals(24, l.get(17), "destination length");
        assertEquals((byte) 253, l.get(22), "scope link");
        assertArrayEquals(Ipv4.bytes("10.2.0.0"), attributes(l, 28, onLink.length).get(RtnetlinkMessage.RTA_DST));
    }

    @Test
    void newVethNestsThePeerWithItsNameMacAndNamespace() {
        byte[] bytes = RtnetlinkMessage.newVeth(1, "vbabc", 12, "eth0", "02:42:ac:1e:04:09", 42);
        ByteBuffer m = wrap(bytes);
        assertEquals(bytes.length, m.getInt(0));
        assertEquals(0, bytes.length % 4, "padded to 4 bytes");
        assertEquals(RtnetlinkMessage.NLM_F_CREATE | RtnetlinkMessage.NLM_F_EXCL | RtnetlinkMessage.NLM_F_REQUEST
                | RtnetlinkMessage.NLM_F_ACK, m.getShort(6));
        Map<Short, byte[]> top = attributes(m, 32, bytes.length);
        assertEquals("vbabc", string(top.get(RtnetlinkMessage.IFLA_IFNAME)));
        assertEquals(12, wrap(top.get(RtnetlinkMessage.IFLA_MASTER)).getInt(0));
        byte[] linkInfo = top.get(RtnetlinkMessage.IFLA_LINKINFO);
        Map<Short, byte[]> info = attributes(wrap(linkInfo), 0, linkInfo.length);
        assertEquals("veth", string(info.get(RtnetlinkMessage.IFLA_INFO_KIND)));
        byte[] data = info.get(RtnetlinkMessage.IFLA_INFO_DATA);
        byte[] peer = attributes(wrap(data), 0, data.length).get(RtnetlinkMessage.VETH_INFO_PEER);
        Map<Short, byte[]> peerAttributes = attributes(wrap(peer), 16, peer.length);
        assertEquals("eth0", string(peerAttributes.get(RtnetlinkMessage.IFLA_IFNAME)));
        assertArrayEquals(new byte[] {2, 0x42, (byte) 0xac, 0x1e, 4, 9}, peerAttributes.get(RtnetlinkMessage.IFLA_ADDRESS));
        assertEquals(42, wrap(peerAttributes.get(RtnetlinkMessage.IFLA_NET_NS_FD)).getInt(0));
    }

    @Test
    void acknowledgementsGiveTheErrnoAndOtherAnswersAreRefused() {
        ByteBuffer ack = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        ack.putInt(36).putShort(RtnetlinkMessage.NLMSG_ERROR).putShort((short) 0).putInt(1).putInt(0).putInt(-17);
        assertEquals(17, RtnetlinkMessage.ackError(ack.array(), 36));
        ack.putInt(16, 0);
        assertEquals(0, RtnetlinkMessage.ackError(ack.array(), 36));
        ack.putShort(4, (short) 3);
        assertThrows(NetworkException.class, () -> RtnetlinkMessage.ackError(ack.array(), 36));
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    /** Attribute type to payload between {@code from} and {@code to}; checks lengths and 4-byte alignment. */
    private static Map<Short, byte[]> attributes(ByteBuffer m, int from, int to) {
        Map<Short, byte[]> out = new LinkedHashMap<>();
        int at = from;
        while (at < to) {
            assertEquals(0, at % 4, "attribute at " + at + " is aligned");
            int length = m.getShort(at);
            short type = m.getShort(at + 2);
            out.put(type, Arrays.copyOfRange(m.array(), at + 4, at + length));
            at += (length + 3) & ~3;
        }
        assertEquals(to, at, "attributes fill their container exactly");
        return out;
    }

    private static String string(byte[] payload) {
        assertEquals(0, payload[payload.length - 1], "NUL-terminated");
        return new String(payload, 0, payload.length - 1, StandardCharsets.US_ASCII);
    }
}
