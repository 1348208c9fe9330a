package dev.berth.embedded.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The part of the DNS wire format the resolver needs: one-question queries and A/AAAA-record answers. */
public record DnsMessage(int id, int flags, String name, int type, int questionClass, byte[] question) {
    public static final int TYPE_A = 1;
    public static final int TYPE_AAAA = 28;
    public static final int RCODE_OK = 0;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    static final int TTL = 600;

    /** Parses a standard query with exactly one question; empty for anything else (responses, garbage). */
    public static Optional<DnsMessage> parseQuery(ByteBuffer packet) {
        try {
            ByteBuffer in = packet.duplicate();
            int start = in.position();
            int id = in.getShort() & 0xffff;
            int flags = in.getShort() & 0xffff;
            int questions = in.getShort() & 0xffff;
            in.position(in.position() + 6);
            if ((flags & 0x8000) != 0 || questions != 1 || ((flags >> 11) & 0xf) != 0) {
                return Optional.empty();
            }
            int questionStart = in.position();
            StringBuilder name = new StringBuilder();
            for (int length = in.get() & 255; length != 0; length = in.get() & 255) {
                if (length > 63) {
                    return Optional.empty();
                }
                byte[] label = new byte[length];
                in.get(label);
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
            }
            int type = in.getShort() & 0xffff;
            int questionClass = in.getShort() & 0xffff;
            byte[] question = new byte[in.position() - questionStart];
            ByteBuffer q = packet.duplicate();
            q.position(questionStart - start + packet.position());
            q.get(question);
            return Optional.of(new DnsMessage(id, flags, name.toString().toLowerCase(Locale.ROOT), type, questionClass,
                    question));
        } catch (java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** Encodes a query for {@code name} (used by tests and forwarding checks). */
    public static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, id);
        writeShort(out, 0x0100);
        writeShort(out, 1);
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        writeShort(out, type);
        writeShort(out, 1);
        return out.toByteArray();
    }

    /**
     * How many address records of the query's type fit a classic 512-byte UDP response (no TCP fallback needed;
     * replicas rotate): a record is 12 bytes plus 4 (A) or 16 (AAAA) bytes of address.
     */
    static int maxAnswers(DnsMessage query) {
        return (512 - 12 - query.question().length) / (query.type() == TYPE_AAAA ? 28 : 16);
    }

    /**
     * A response to this query with the given rcode and address records, A for IPv4 and AAAA for IPv6 addresses
     * (name compressed to the question).
     */
    public byte[] answer(int rcode, List<String> addresses) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, id);
        writeShort(out, 0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | rcode);
        writeShort(out, 1);
        writeShort(out, addresses.size());
        writeShort(out, 0);
        writeShort(out, 0);
        out.writeBytes(question);
        for (String address : addresses) {
            byte[] data = Ipv6.looksLikeIpv6(address) ? Ipv6.bytes(address) : Ipv4.bytes(address);
            writeShort(out, 0xc00c);
            writeShort(out, data.length == 4 ? TYPE_A : TYPE_AAAA);
            writeShort(out, 1);
            writeShort(out, TTL >>> 16);
            writeShort(out, TTL & 0xffff);
            writeShort(out, data.length);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /** Reads the rcode and A/AAAA-record addresses of a response (for tests and tools). */
    public static Response parseResponse(byte[] packet) {
        ByteBuffer in = ByteBuffer.wrap(packet);
        int id = in.getShort() & 0xffff;
        int flags = in.getShort() & 0xffff;
        int questions = in.getShort() & 0xffff;
        int answers = in.getShort() & 0xffff;
        in.getInt();
        for (int i = 0; i < questions; i++) {
            skipName(in);
            in.getInt();
        }
        java.util.ArrayList<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < answers; i++) {
            skipName(in);
            int type = in.getShort() & 0xffff;
            in.getShort();
            in.getInt();
            int length = in.getShort() & 0xffff;
            byte[] data = new byte[length];
            in.get(data);
            if (type == TYPE_A && length == 4) {
                addresses.add((data[0] & 255) + "." + (data[1] & 255) + "." + (data[2] & 255) + "." + (data[3] & 255));
            } else if (type == TYPE_AAAA && length == 16) {
                addresses.add(Ipv6.format(Ipv6.fromBytes(data)));
            }
        }
        return new Response(id, flags & 0xf, List.copyOf(addresses));
    }

    /** A parsed response: id, rcode, A and AAAA addresses in order. */
    public record Response(int id, int rcode, List<String> addresses) {
    }

    private static void skipName(ByteBuffer in) {
        while (true) {
            int length = in.get() & 255;
            if (length == 0) {
                return;
            }
            if ((length & 0xc0) == 0xc0) {
                in.get();
                return;
            }
            in.position(in.position() + length);
        }
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 255);
        out.write(value & 255);
    }
}
