package dev.berth.embedded.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The IPv4 subnets the host already uses: routes ({@code ip -j route}) and interface addresses, with devices. */
final class HostSubnets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostSubnets() {
    }

    static List<HostSubnet> inUse() {
        List<HostSubnet> used = new ArrayList<>();
        try {
            JsonNode routes = JSON.readTree(Exec.check(List.of("ip", "-j", "-4", "route", "show", "table", "all"),
                    null, "listing host routes").stdout());
            for (JsonNode route : routes) {
                String dst = route.path("dst").asText("");
                if (!dst.isEmpty() && !dst.equals("default") && Character.isDigit(dst.charAt(0))) {
                    used.add(HostSubnet.route(dst, route.path("dev").asText("?")));
                }
            }
            JsonNode links = JSON.readTree(Exec.check(List.of("ip", "-j", "-4", "addr"), null,
                    "listing host addresses").stdout());
            for (JsonNode link : links) {
                for (JsonNode addr : link.path("addr_info")) {
                    if (addr.has("local")) {
                        used.add(HostSubnet.address(addr.get("local").asText(), addr.path("prefixlen").asInt(32),
                                link.path("ifname").asText("?")));
                    }
                }
            }
        } catch (IOException e) {
            throw new NetworkException("cannot parse the output of 'ip -j': " + e.getMessage());
        }
        return List.copyOf(used);
    }
}
