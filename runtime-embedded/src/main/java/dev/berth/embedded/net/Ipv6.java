package dev.berth.embedded.net;

import java.math.BigInteger;

/**
 * IPv6 addresses as unsigned 128-bit numbers: parsing of the textual forms ({@code ::} compression, an embedded
 * dotted-quad tail) without any name lookup, and the canonical text of RFC 5952 (lowercase, longest run of zero
 * groups compressed).
 */
public final class Ipv6 {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Ipv6() {
    }

    /** Whether {@code text} is meant as an IPv6 address or subnet (it has a colon). */
    public static boolean looksLikeIpv6(String text) {
        return text.indexOf(':') >= 0;
    }

    public static BigInteger parse(String text) {
        String s = text.trim();
        int zone = s.indexOf('%');
        if (zone >= 0 || s.isEmpty()) {
            throw invalid(text);
        }
        int[] groups = new int[8];
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            throw invalid(text);
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] first = groups(head, text);
        int[] last = groups(tail, text);
        if (doubleColon < 0 ? first.length != 8 : first.length + last.length > 7) {
            throw invalid(text);
        }
        System.arraycopy(first, 0, groups, 0, first.length);
        System.arraycopy(last, 0, groups, 8 - last.length, last.length);
        BigInteger value = BigInteger.ZERO;
        for (int group : groups) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return value;
    }

    /** The groups of one side of {@code ::}; a dotted quad at the very end counts as two groups. */
    private static int[] groups(String part, String text) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        boolean dotted = pieces[pieces.length - 1].contains(".");
        int[] out = new int[pieces.length + (dotted ? 1 : 0)];
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (dotted && i == pieces.length - 1) {
                int v4;
                try {
                    v4 = Ipv4.parse(piece);
                } catch (IllegalArgumentException e) {
                    throw invalid(text);
                }
                out[i] = v4 >>> 16;
                out[i + 1] = v4 & 0xffff;
            } else if (piece.isEmpty() || piece.length() > 4 || !piece.matches("[0-9a-fA-F]+")) {
                throw invalid(text);
            } else {
                out[i] = Integer.parseInt(piece, 16);
            }
        }
        return out;
    }

    /** The canonical text of an address (RFC 5952). */
    public static String format(BigInteger address) {
        if (address.signum() < 0 || address.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("not a 128-bit value: " + address);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The canonical text of {@code text}. */
    public static String canonical(String text) {
        return format(parse(text));
    }

    /** The 16 bytes of an address, network order. */
    public static byte[] bytes(String text) {
        byte[] raw = parse(text).toByteArray();
        byte[] out = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, out, 16 - copy, copy);
        return out;
    }

    /** The address of 16 network-order bytes. */
    public static BigInteger fromBytes(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid IPv6 address '" + text + "'");
    }
}
