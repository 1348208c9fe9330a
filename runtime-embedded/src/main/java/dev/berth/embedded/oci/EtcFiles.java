package dev.berth.embedded.oci;

import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a container's /etc/hosts, /etc/resolv.conf and /etc/hostname into its state directory. */
public final class EtcFiles {
    private EtcFiles() {
    }

    /** The three files, to be bind-mounted at /etc/hosts, /etc/resolv.conf and /etc/hostname. */
    public record Paths(Path hosts, Path resolvConf, Path hostname) {
    }

    /** The files written earlier (at create), if all three exist. */
    public static java.util.Optional<Paths> existing(Path dir) {
        Paths paths = new Paths(dir.resolve("hosts"), dir.resolve("resolv.conf"), dir.resolve("hostname"));
        boolean all = Files.isRegularFile(paths.hosts()) && Files.isRegularFile(paths.resolvConf())
                && Files.isRegularFile(paths.hostname());
        return all ? java.util.Optional.of(paths) : java.util.Optional.empty();
    }

    /**
     * Replaces the content of /etc/hosts and /etc/resolv.conf of a bridge-networked container in place (same
     * inode), so a running container that bind-mounts them sees the change.
     */
    public static void rewriteNetworkFiles(Paths paths, String hosts, String resolvConf) {
        try {
            Files.writeString(paths.hosts(), hosts, StandardCharsets.UTF_8);
            Files.writeString(paths.resolvConf(), resolvConf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the network files of the container in "
                    + paths.hosts().getParent(), e);
        }
    }

    public static Paths write(Path dir, ContainerConfig config, String hostname) {
        StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
        for (String extra : config.extraHosts()) {
            int sep = extra.indexOf(':');
            if (sep <= 0) {
                throw new IllegalArgumentException("invalid extra host '" + extra + "': expected host:ip");
            }
            hosts.append(extra.substring(sep + 1)).append('\t').append(extra, 0, sep).append('\n');
        }
        Path hostsFile = dir.resolve("hosts");
        Path resolvFile = dir.resolve("resolv.conf");
        Path hostnameFile = dir.resolve("hostname");
        Files2.writeAtomically(hostsFile, hosts.toString().getBytes(StandardCharsets.UTF_8));
        Files2.writeAtomically(resolvFile, resolvConf(config).getBytes(StandardCharsets.UTF_8));
        Files2.writeAtomically(hostnameFile, (hostname + "\n").getBytes(StandardCharsets.UTF_8));
        return new Paths(hostsFile, resolvFile, hostnameFile);
    }

    private static String resolvConf(ContainerConfig config) {
        List<String> hostLines = new ArrayList<>();
        try {
            hostLines = Files.readAllLines(Path.of("/etc/resolv.conf"));
        } catch (IOException e) {
            // no host resolver configuration: only what the container asks for
        }
        StringBuilder out = new StringBuilder();
        boolean hostNetwork = config.network() == ContainerConfig.NetworkMode.HOST;
        if (!config.dnsSearch().isEmpty()) {
            out.append("search ").append(String.join(" ", config.dnsSearch())).append('\n');
        }
        if (!config.dns().isEmpty()) {
            config.dns().forEach(s -> out.append("nameserver ").append(s).append('\n'));
        }
        for (String line : hostLines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("nameserver ")) {
                String server = trimmed.substring("nameserver ".length()).trim();
                boolean loopback = server.startsWith("127.") || server.equals("::1");
                if (config.dns().isEmpty() && (hostNetwork || !loopback)) {
                    out.append(trimmed).append('\n');
                }
            } else if (trimmed.startsWith("search ") || trimmed.startsWith("domain ")) {
                if (config.dnsSearch().isEmpty()) {
                    out.append(trimmed).append('\n');
                }
            } else if (trimmed.startsWith("options ")) {
                out.append(trimmed).append('\n');
            }
        }
        return out.toString();
    }
}
