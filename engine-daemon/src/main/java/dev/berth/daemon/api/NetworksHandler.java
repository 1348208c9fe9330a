package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.JsonFields;
import dev.berth.daemon.backing.ResourceViews;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.IpamPool;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.NotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Networks as the runtime SPI has them today: create, list, inspect, remove, connect, disconnect. */
final class NetworksHandler {
    private final EngineBacking backing;

    NetworksHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("GET", "/networks", this::list)
                .on("POST", "/networks/create", this::create)
                .on("GET", "/networks/{}", this::inspect)
                .on("DELETE", "/networks/{}", this::remove)
                .on("POST", "/networks/{}/connect", this::connect)
                .on("POST", "/networks/{}/disconnect", this::disconnect);
    }

    private void list(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (NetworkSummary n : backing.runtime().listNetworks(filters.labels())) {
            if (filters.anyOrNone("name", n.name()::contains) && filters.anyOrNone("id", n.id()::startsWith)) {
                out.add(ResourceViews.network(n, containerIds(n)));
            }
        }
        call.json(200, out);
    }

    private void inspect(ApiCall call) throws IOException {
        NetworkSummary n = backing.runtime().inspectNetwork(call.path(0));
        call.json(200, ResourceViews.network(n, containerIds(n)));
    }

    private Map<String, String> containerIds(NetworkSummary n) {
        Map<String, String> out = new HashMap<>();
        for (String name : n.containers()) {
            try {
                out.put(name, backing.runtime().inspect(ContainerId.of(name)).id().value());
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        return out;
    }

    private void create(ApiCall call) throws IOException {
        JsonNode body = call.body();
        String name = body.path("Name").asText("");
        if (name.isEmpty()) {
            throw ApiException.badRequest("Name: a network needs a name");
        }
        List<IpamPool> pools = new ArrayList<>();
        for (JsonNode c : body.path("IPAM").path("Config")) {
            pools.add(new IpamPool(c.path("Subnet").asText(), text(c, "Gateway"), text(c, "IPRange")));
        }
        NetworkSpec spec = new NetworkSpec(name, body.path("Driver").asText("bridge").isEmpty() ? "bridge"
                : body.path("Driver").asText("bridge"), JsonFields.stringMap(body.path("Labels")),
                JsonFields.stringMap(body.path("Options")), body.path("Internal").asBoolean(false),
                body.path("Attachable").asBoolean(false), body.path("EnableIPv6").asBoolean(false), pools);
        NetworkSummary created = backing.runtime().createNetwork(spec);
        backing.publish().network("create", created.id(), created.name(), Map.of());
        call.json(201, Json.object().put("Id", created.id()).put("Warning", ""));
    }

    private static Optional<String> text(JsonNode node, String field) {
        String v = node.path(field).asText("");
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private void remove(ApiCall call) throws IOException {
        NetworkSummary n = backing.runtime().inspectNetwork(call.path(0));
        backing.runtime().removeNetwork(n.name());
        backing.publish().network("destroy", n.id(), n.name(), Map.of());
        call.noContent();
    }

    private void connect(ApiCall call) throws IOException {
        JsonNode body = call.body();
        String network = call.path(0);
        backing.runtime().inspectNetwork(network);
        ContainerId container = ContainerId.of(body.path("Container").asText());
        JsonNode endpoint = body.path("EndpointConfig");
        JsonNode ipam = endpoint.path("IPAMConfig");
        List<String> aliases = new ArrayList<>();
        endpoint.path("Aliases").forEach(a -> aliases.add(a.asText()));
        NetworkSummary n = backing.runtime().inspectNetwork(network);
        backing.runtime().connect(container, new NetworkAttachment(n.name(), aliases, text(ipam, "IPv4Address"),
                text(ipam, "IPv6Address"), text(endpoint, "MacAddress")));
        backing.publish().network("connect", n.id(), n.name(), Map.of("container",
                backing.runtime().inspect(container).id().value()));
        call.json(200, Json.object());
    }

    private void disconnect(ApiCall call) throws IOException {
        JsonNode body = call.body();
        NetworkSummary n = backing.runtime().inspectNetwork(call.path(0));
        ContainerId container = backing.runtime().inspect(ContainerId.of(body.path("Container").asText())).id();
        backing.runtime().disconnect(container, n.name(), body.path("Force").asBoolean(false));
        backing.publish().network("disconnect", n.id(), n.name(), Map.of("container", container.value()));
        call.json(200, Json.object());
    }
}
