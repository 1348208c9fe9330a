package dev.berth.model.canonical;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose byte values ({@code 2b 1k 10m 1g 512mb 1.5GiB}, binary multiples) parsed to a number of bytes. */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("^(-?\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$");

    private ByteSize() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2)) + 1;
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }
}
