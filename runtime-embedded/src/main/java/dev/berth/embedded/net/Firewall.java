package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Berth's iptables (or, for IPv6, ip6tables) rules, kept in chains of its own so that removal is exact: filter
 * {@code BERTH-FORWARD} (jumped to first from FORWARD; it starts with the isolation chains {@code BERTH-ISOLATE}/
 * {@code -2}), nat {@code BERTH-POSTROUTING} (from POSTROUTING) and nat {@code BERTH-PORTS} (from PREROUTING and
 * from OUTPUT for non-loopback local destinations, as docker does). Every rule carries a comment tag; {@link #removeTagged} deletes exactly the rules with that tag.
 * All changes go through one {@code iptables-restore --noflush} call.
 */
public final class Firewall {
    public static final String FORWARD_CHAIN = "BERTH-FORWARD";
    public static final String ISOLATION_CHAIN = "BERTH-ISOLATE";
    public static final String ISOLATION_DROP_CHAIN = "BERTH-ISOLATE-2";
    public static final String POSTROUTING_CHAIN = "BERTH-POSTROUTING";
    public static final String PORTS_CHAIN = "BERTH-PORTS";

    /** One rule: table, chain and the match/target part (without {@code -A chain}). */
    public record Rule(String table, String chain, String spec) {
    }

    /** The address family a firewall manages: its commands and Berth's chains and jumps in it. */
    public enum Family {
        IPV4("iptables-save", "iptables-restore", "127.0.0.0/8"),
        IPV6("ip6tables-save", "ip6tables-restore", "::1/128");

        private final String save;
        private final String restore;
        private final Map<String, List<String>> jumps = new LinkedHashMap<>();

        Family(String save, String restore, String loopback) {
            this.save = save;
            this.restore = restore;
            // Isolation runs first: traffic from one Berth bridge to another is dropped (except DNAT-ed traffic to
            // published ports), like docker's DOCKER-ISOLATION-STAGE-1/2; then the per-network accepts.
            jumps.put("filter", List.of("FORWARD -j " + FORWARD_CHAIN, FORWARD_CHAIN + " -j " + ISOLATION_CHAIN,
                    ISOLATION_CHAIN + " -m conntrack --ctstate DNAT -j RETURN"));
            jumps.put("nat", List.of("POSTROUTING -j " + POSTROUTING_CHAIN,
                    "PREROUTING -m addrtype --dst-type LOCAL -j " + PORTS_CHAIN,
                    "OUTPUT ! -d " + loopback + " -m addrtype --dst-type LOCAL -j " + PORTS_CHAIN));
        }

        /** {@code iptables} or {@code ip6tables}. */
        public String tool() {
            return save.substring(0, save.length() - "-save".length());
        }

        private List<String> chainsOf(String table) {
            return table.equals("filter") ? List.of(FORWARD_CHAIN, ISOLATION_CHAIN, ISOLATION_DROP_CHAIN)
                    : List.of(POSTROUTING_CHAIN, PORTS_CHAIN);
        }
    }

    private final Family family;
    private volatile boolean installed;
    private Firewall ipv6;

    /** The IPv4 firewall (iptables). */
    public Firewall() {
        this(Family.IPV4);
    }

    public Firewall(Family family) {
        this.family = family;
    }

    /** The ip6tables firewall beside this iptables one (the same instance on every call). */
    public synchronized Firewall forIpv6() {
        if (family == Family.IPV6) {
            return this;
        }
        if (ipv6 == null) {
            ipv6 = new Firewall(Family.IPV6);
        }
        return ipv6;
    }

    public Family family() {
        return family;
    }

    /** Creates the chains and jumps that are missing (idempotent; checked once per instance). */
    public synchronized void ensureChains() {
        if (installed) {
            return;
        }
        String saved = save();
        StringBuilder batch = new StringBuilder();
        for (var entry : family.jumps.entrySet()) {
            String table = entry.getKey();
            String section = section(saved, table);
            StringBuilder lines = new StringBuilder();
            for (String chain : family.chainsOf(table)) {
                if (!section.contains("\n:" + chain + " ")) {
                    lines.append(':').append(chain).append(" - [0:0]\n");
                }
            }
            for (String jump : entry.getValue()) {
                if (!section.contains("\n-A " + jump + "\n")) {
                    String chain = jump.substring(0, jump.indexOf(' '));
                    lines.append("-I ").append(chain).append(" 1").append(jump.substring(chain.length())).append('\n');
                }
            }
            if (lines.length() > 0) {
                batch.append('*').append(table).append('\n').append(lines).append("COMMIT\n");
            }
        }
        if (batch.length() > 0) {
            restore(batch.toString(), "installing Berth's " + family.tool() + " chains");
        }
        installed = true;
    }

    /** Appends the rules, each tagged with {@code tag}, in one transaction per table. */
    public void add(String tag, List<Rule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        ensureChains();
        Map<String, StringBuilder> tables = new LinkedHashMap<>();
        for (Rule rule : rules) {
            tables.computeIfAbsent(rule.table(), t -> new StringBuilder()).append("-A ").append(rule.chain())
                    .append(' ').append(rule.spec()).append(" -m comment --comment \"").append(tag).append("\"\n");
        }
        try {
            restore(render(tables), "adding " + family.tool() + " rules for " + tag);
        } catch (NetworkException e) {
            // another engine process on this host may have removed Berth's chains since they were checked: check
            // them again and retry once
            synchronized (this) {
                installed = false;
            }
            ensureChains();
            restore(render(tables), "adding " + family.tool() + " rules for " + tag);
        }
    }

    /** Deletes every rule whose comment is exactly {@code tag}; returns how many were deleted. */
    public int removeTagged(String tag) {
        List<String> tagged = rulesTagged(tag);
        if (tagged.isEmpty()) {
            return 0;
        }
        Map<String, StringBuilder> tables = new LinkedHashMap<>();
        for (String line : tagged) {
            int space = line.indexOf(' ');
            tables.computeIfAbsent(line.substring(0, space), t -> new StringBuilder())
                    .append("-D").append(line.substring(space + 3)).append('\n');
        }
        try {
            restore(render(tables), "removing " + family.tool() + " rules of " + tag);
        } catch (NetworkException e) {
            // another engine process may have deleted some of them meanwhile: only rules still there are a failure
            if (!rulesTagged(tag).isEmpty()) {
                throw e;
            }
        }
        return tagged.size();
    }

    /** The rules tagged exactly {@code tag}, as {@code "<table> -A <chain> ..."} lines. */
    public List<String> rulesTagged(String tag) {
        return rulesMatching(line -> line.contains("--comment \"" + tag + "\"") || line.contains("--comment " + tag + " ")
                || line.endsWith("--comment " + tag));
    }

    /** All rules whose comment starts with {@code berth-} (for leak checks). */
    public List<String> allBerthRules() {
        return rulesMatching(line -> line.contains("--comment \"berth-") || line.contains("--comment berth-"));
    }

    /**
     * Removes the jumps (every copy: engine processes that set the chains up at the same moment may both have added
     * one) and the chains when no tagged rule is left; true when they are gone. When another engine process adds a
     * rule meanwhile, its chains stay and the answer is false.
     */
    public synchronized boolean uninstallIfEmpty() {
        if (!allBerthRules().isEmpty()) {
            return false;
        }
        String saved = save();
        StringBuilder batch = new StringBuilder();
        for (var entry : family.jumps.entrySet()) {
            String section = section(saved, entry.getKey());
            StringBuilder lines = new StringBuilder();
            for (String jump : entry.getValue()) {
                for (int copy = occurrences(section, "\n-A " + jump + "\n"); copy > 0; copy--) {
                    lines.append("-D ").append(jump).append('\n');
                }
            }
            for (String chain : family.chainsOf(entry.getKey())) {
                if (section.contains("\n:" + chain + " ")) {
                    lines.append("-F ").append(chain).append('\n');
                }
            }
            for (String chain : family.chainsOf(entry.getKey())) {
                if (section.contains("\n:" + chain + " ")) {
                    lines.append("-X ").append(chain).append('\n');
                }
            }
            if (lines.length() > 0) {
                batch.append('*').append(entry.getKey()).append('\n').append(lines).append("COMMIT\n");
            }
        }
        installed = false;
        if (batch.length() > 0) {
            try {
                restore(batch.toString(), "removing Berth's " + family.tool() + " chains");
            } catch (NetworkException e) {
                if (!allBerthRules().isEmpty()) {
                    return false;
                }
                throw e;
            }
        }
        return true;
    }

    /** How often {@code line} (framed by newlines) occurs in {@code text}; copies may share their newline. */
    static int occurrences(String text, String line) {
        int count = 0;
        for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + line.length() - 1)) {
            count++;
        }
        return count;
    }

    private List<String> rulesMatching(java.util.function.Predicate<String> match) {
        List<String> found = new ArrayList<>();
        String table = null;
        for (String line : save().split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1).trim();
            } else if (line.startsWith("-A ") && match.test(line)) {
                found.add(table + " " + line);
            }
        }
        return List.copyOf(found);
    }

    private static String render(Map<String, StringBuilder> tables) {
        StringBuilder batch = new StringBuilder();
        tables.forEach((table, lines) -> batch.append('*').append(table).append('\n').append(lines).append("COMMIT\n"));
        return batch.toString();
    }

    private static String section(String saved, String table) {
        int start = saved.indexOf("*" + table + "\n");
        if (start < 0) {
            return "\n";
        }
        int end = saved.indexOf("\nCOMMIT", start);
        return "\n" + saved.substring(start, end < 0 ? saved.length() : end) + "\n";
    }

    private String save() {
        return Exec.check(List.of(family.save), null, "reading " + family.tool() + " rules").stdout();
    }

    private void restore(String batch, String what) {
        Exec.check(List.of(family.restore, "-w", "5", "--noflush"), batch, what);
    }
}
