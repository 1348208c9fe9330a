package dev.berth.embedded.proc;

import dev.berth.runtime.ProcessList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ps -ef} columns (UID, PID, PPID, C, STIME, TTY, TIME, CMD) for host pids, read from {@code /proc}, as
 * {@code docker top} shows them: host pids, user names from the host's {@code /etc/passwd}.
 */
public final class ProcessTable {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    private final Path proc;
    private final Path passwd;
    private final ZoneId zone;

    public ProcessTable(Path proc, Path passwd, ZoneId zone) {
        this.proc = proc;
        this.passwd = passwd;
        this.zone = zone;
    }

    public static ProcessTable host() {
        return new ProcessTable(Path.of("/proc"), Path.of("/etc/passwd"), ZoneId.systemDefault());
    }

    /** One row per pid still alive, in the given order. */
    public ProcessList list(List<Integer> pids) {
        Map<Integer, String> users = users();
        long bootSeconds = bootTime();
        Instant now = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        for (int pid : pids) {
            try {
                rows.add(row(pid, users, bootSeconds, now));
            } catch (IOException | RuntimeException e) {
                // the process ended while it was read
            }
        }
        return new ProcessList(ProcessList.PS_EF_TITLES, rows);
    }

    private List<String> row(int pid, Map<Integer, String> users, long bootSeconds, Instant now) throws IOException {
        Path dir = proc.resolve(Integer.toString(pid));
        String stat = Files.readString(dir.resolve("stat"));
        // fields after "(comm)": state ppid pgrp session tty_nr ... utime(14) stime(15) ... starttime(22)
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        int ppid = Integer.parseInt(f[1]);
        int tty = Integer.parseInt(f[4]);
        long cpuTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long startTicks = Long.parseLong(f[19]);
        Instant started = Instant.ofEpochMilli(bootSeconds * 1000 + startTicks * 1000 / CLOCK_TICKS);
        long elapsed = Math.max(1, now.getEpochSecond() - started.getEpochSecond());
        long cpuSeconds = cpuTicks / CLOCK_TICKS;
        int uid = uid(dir);
        return List.of(users.getOrDefault(uid, Integer.toString(uid)), Integer.toString(pid), Integer.toString(ppid),
                Long.toString(Math.min(99, cpuSeconds * 100 / elapsed)), startTime(started, now),
                tty == 0 ? "?" : ttyName(tty), String.format("%02d:%02d:%02d", cpuSeconds / 3600, cpuSeconds / 60 % 60,
                        cpuSeconds % 60), command(dir, comm));
    }

    private String startTime(Instant started, Instant now) {
        LocalDate day = started.atZone(zone).toLocalDate();
        String pattern = day.equals(now.atZone(zone).toLocalDate()) ? "HH:mm"
                : day.getYear() == now.atZone(zone).getYear() ? "MMMdd" : "yyyy";
        return DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT).withZone(zone).format(started);
    }

    private static String ttyName(int tty) {
        int major = (tty >> 8) & 0xfff;
        int minor = (tty & 0xff) | ((tty >> 12) & 0xfff00);
        return major == 136 ? "pts/" + minor : major == 4 ? "tty" + minor : "?";
    }

    private static int uid(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        return 0;
    }

    private static String command(Path dir, String comm) throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
        if (raw.length == 0) {
            return "[" + comm + "]";
        }
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8).replace('\0', ' ');
    }

    private long bootTime() {
        try {
            for (String line : Files.readAllLines(proc.resolve("stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return 0;
    }

    private Map<Integer, String> users() {
        Map<Integer, String> users = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    users.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // numeric uids then
        }
        return users;
    }
}
