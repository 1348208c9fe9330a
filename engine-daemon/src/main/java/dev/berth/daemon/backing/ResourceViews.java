package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.ImageSummary;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.VolumeSummary;
import java.nio.file.Path;
import java.util.Map;

/** Networks, volumes and images as the Engine API shows them in inspect and list answers. */
public final class ResourceViews {
    private ResourceViews() {
    }

    /** {@code containerIds} maps the names of the network's containers to their ids. */
    public static ObjectNode network(NetworkSummary n, Map<String, String> containerIds) {
        ObjectNode out = Json.object();
        out.put("Name", n.name());
        out.put("Id", n.id());
        out.put("Created", Json.ZERO_TIME);
        out.put("Scope", "local");
        out.put("Driver", n.driver());
        out.put("EnableIPv6", n.ipam().stream().anyMatch(pool -> pool.subnet().contains(":")));
        ObjectNode ipam = out.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putNull("Options");
        ArrayNode pools = ipam.putArray("Config");
        for (IpamPool pool : n.ipam()) {
            ObjectNode config = pools.addObject().put("Subnet", pool.subnet());
            pool.gateway().ifPresent(g -> config.put("Gateway", g));
            pool.ipRange().ifPresent(r -> config.put("IPRange", r));
        }
        out.put("Internal", n.internal());
        out.put("Attachable", false);
        out.put("Ingress", false);
        out.putObject("ConfigFrom").put("Network", "");
        out.put("ConfigOnly", false);
        ObjectNode containers = out.putObject("Containers");
        for (String name : n.containers()) {
            ObjectNode c = containers.putObject(containerIds.getOrDefault(name, name));
            c.put("Name", name);
            c.put("EndpointID", "");
            c.put("MacAddress", "");
            c.put("IPv4Address", "");
            c.put("IPv6Address", "");
        }
        out.set("Options", Json.object());
        out.set("Labels", Json.map(n.labels()));
        return out;
    }

    /** {@code volumesDir} is where the engine keeps volume data ({@code <root>/volumes}). */
    public static ObjectNode volume(VolumeSummary v, Path volumesDir) {
        ObjectNode out = Json.object();
        out.put("Name", v.name());
        out.put("Driver", v.driver());
        out.put("Mountpoint", volumesDir.resolve(v.name()).resolve("_data").toString());
        out.put("CreatedAt", Json.ZERO_TIME);
        out.set("Labels", Json.map(v.labels()));
        out.put("Scope", "local");
        out.set("Options", Json.object());
        return out;
    }

    public static ObjectNode imageListEntry(ImageSummary i) {
        ObjectNode out = Json.object();
        out.put("Id", i.id());
        out.put("ParentId", "");
        out.set("RepoTags", Json.strings(i.tags()));
        out.set("RepoDigests", Json.MAPPER.createArrayNode());
        out.put("Created", 0);
        out.put("Size", i.size());
        out.put("SharedSize", -1);
        out.put("VirtualSize", i.size());
        out.set("Labels", Json.map(i.labels()));
        out.put("Containers", -1);
        return out;
    }

    public static ObjectNode image(ImageSummary i, dev.berth.embedded.image.ImageConfig.Defaults defaults) {
        ObjectNode out = Json.object();
        out.put("Id", i.id());
        out.set("RepoTags", Json.strings(i.tags()));
        out.set("RepoDigests", Json.MAPPER.createArrayNode());
        out.put("Parent", "");
        out.put("Comment", "");
        out.put("Created", Json.ZERO_TIME);
        out.put("Os", "linux");
        out.put("Architecture", System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64");
        out.put("Size", i.size());
        out.put("VirtualSize", i.size());
        ObjectNode config = out.putObject("Config");
        if (defaults != null) {
            config.put("User", defaults.user() == null ? "" : defaults.user());
            config.set("Env", Json.stringsOrNull(defaults.env()));
            config.set("Cmd", Json.stringsOrNull(defaults.cmd()));
            config.set("Entrypoint", Json.stringsOrNull(defaults.entrypoint()));
            config.put("WorkingDir", defaults.workingDir() == null ? "" : defaults.workingDir());
        }
        config.set("Labels", Json.map(i.labels()));
        ObjectNode rootfs = out.putObject("RootFS");
        rootfs.put("Type", "layers");
        rootfs.putArray("Layers");
        return out;
    }
}
