package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Berth's iptables rules, kept in chains of its own so that removal is exact: filter {@code BERTH-FORWARD}
 * (jumped to first from FORWARD; it starts with the isolation chains {@code BERTH-ISOLATE}/{@code -2}),
 * nat {@code BERTH-POSTROUTING} (from POSTROUTING) and nat {@code BERTH-PORTS}
 * (from PREROUTING and from OUTPUT for non-loopback local destinations, as docker does). Every rule carries
 * a comment tag; {@link #removeTagged} deletes exactly the rules with that tag. All changes go through one
 * {@code iptables-restore --noflush} call.
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

    private static final Map<String, List<String>> JUMPS = new LinkedHashMap<>();

    static {
        // Isolation runs first: traffic from one Berth bridge to another is dropped (except DNAT-ed traffic to
        // published ports), like docker's DOCKER-ISOLATION-STAGE-1/2; then the per-network accepts.
        JUMPS.put("filter", List.of("FORWARD -j " + FORWARD_CHAIN, FORWARD_CHAIN + " -j " + ISOLATION_CHAIN,
                ISOLATION_CHAIN + " -m conntrack --ctstate DNAT -j RETURN"));
        JUMPS.put("nat", List.of("POSTROUTING -j " + POSTROUTING_CHAIN,
                "PREROUTING -m addrtype --dst-type LOCAL -j " + PORTS_CHAIN,
                "OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j " + PORTS_CHAIN));
    }

    private volatile boolean installed;

    /** Creates the chains and jumps that are missing (idempotent; checked once per instance). */
    public synchronized void ensureChains() {
        if (installed) {
            return;
        }
        String saved = save();
        StringBuilder batch = new StringBuilder();
        for (var entry : JUMPS.entrySet()) {
            String table = entry.getKey();
            String section = section(saved, table);
            StringBuilder lines = new StringBuilder();
            for (String chain : chainsOf(table)) {
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
            restore(batch.toString(), "installing Berth's iptables chains");
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
            restore(render(tables), "adding iptables rules for " + tag);
        } catch (NetworkException e) {
            // another engine process on this host may have removed Berth's chains since they were checked: check
            // them again and retry once
            synchronized (this) {
                installed = false;
            }
            ensureChains();
            restore(render(tables), "adding iptables rules for " + tag);
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
            restore(render(tables), "removing iptables rules of " + tag);
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

    /** Removes the jumps and chains when no tagged rule is left (true when they are gone). */
    public synchronized boolean uninstallIfEmpty() {
        if (!allBerthRules().isEmpty()) {
            return false;
        }
        String saved = save();
        StringBuilder batch = new StringBuilder();
        for (var entry : JUMPS.entrySet()) {
            String section = section(saved, entry.getKey());
            StringBuilder lines = new StringBuilder();
            for (String jump : entry.getValue()) {
                if (section.contains("\n-A " + jump + "\n")) {
                    lines.append("-D ").append(jump).append('\n');
                }
            }
            for (String chain : chainsOf(entry.getKey())) {
                if (section.contains("\n:" + chain + " ")) {
                    lines.append("-F ").append(chain).append('\n');
                }
            }
            for (String chain : chainsOf(entry.getKey())) {
                if (section.contains("\n:" + chain + " ")) {
                    lines.append("-X ").append(chain).append('\n');
                }
            }
            if (lines.length() > 0) {
                batch.append('*').append(entry.getKey()).append('\n').append(lines).append("COMMIT\n");
            }
        }
        if (batch.length() > 0) {
            restore(batch.toString(), "removing Berth's iptables chains");
        }
        installed = false;
        return true;
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

    private static List<String> chainsOf(String table) {
        return table.equals("filter") ? List.of(FORWARD_CHAIN, ISOLATION_CHAIN, ISOLATION_DROP_CHAIN)
                : List.of(POSTROUTING_CHAIN, PORTS_CHAIN);
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

    private static String save() {
        return Exec.check(List.of("iptables-save"), null, "reading iptables rules").stdout();
    }

    private static void restore(String batch, String what) {
        Exec.check(List.of("iptables-restore", "-w", "5", "--noflush"), batch, what);
    }
}
