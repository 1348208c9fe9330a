package dev.berth.embedded.shim;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The numbers of the signals a container can be sent by name ({@code TERM}, {@code SIGTERM}, case-insensitive) or
 * by number ({@code 15}), as runc accepts them, for the shim's {@code SIGNAL} command. Names are known on the
 * architectures that share Linux's generic numbering; elsewhere, and for names not listed (real-time signals),
 * there is no number and the runtime is asked instead.
 */
public final class SignalNumbers {
    private static final Set<String> GENERIC_NUMBERING = Set.of("amd64", "x86_64", "aarch64", "arm", "riscv64",
            "ppc64le", "s390x", "x86", "i386");
    private static final int LAST_SIGNAL = 64;
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    private SignalNumbers() {
    }

    /** The number of {@code signal} on this machine, if it is a number from 1 to 64 or a known name here. */
    public static OptionalInt of(String signal) {
        return of(signal, System.getProperty("os.arch", ""));
    }

    static OptionalInt of(String signal, String architecture) {
        String text = signal.strip();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            int number = text.length() > 2 ? 0 : Integer.parseInt(text);
            return number >= 1 && number <= LAST_SIGNAL ? OptionalInt.of(number) : OptionalInt.empty();
        }
        if (!GENERIC_NUMBERING.contains(architecture)) {
            return OptionalInt.empty();
        }
        String name = text.toUpperCase(Locale.ROOT);
        Integer number = BY_NAME.get(name.startsWith("SIG") ? name.substring(3) : name);
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }
}
