package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import dev.berth.model.project.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ports} and {@code deploy.endpoint_mode} → the service's endpoint spec. Ports publish through the routing
 * mesh ({@code mode: ingress}, the default) or on the node that runs the task ({@code mode: host}).
 */
final class EndpointMapper {
    private EndpointMapper() {
    }

    static EndpointSpec map(String key, Service service) {
        String mode = service.deploy() == null ? null : service.deploy().endpointMode();
        List<PortConfig> ports = new ArrayList<>();
        for (int i = 0; i < service.ports().size(); i++) {
            ports.add(port("services." + key + ".ports[" + i + "]", service.ports().get(i)));
        }
        if (mode == null && ports.isEmpty()) {
            return null;
        }
        EndpointSpec spec = new EndpointSpec().withPorts(ports.isEmpty() ? null : ports);
        if (mode != null) {
            spec.withMode(switch (mode) {
                case "vip" -> EndpointResolutionMode.VIP;
                case "dnsrr" -> EndpointResolutionMode.DNSRR;
                default -> throw new StackConversionException("services." + key + ".deploy.endpoint_mode", mode,
                        "unknown endpoint mode", "use vip or dnsrr");
            });
        }
        return spec;
    }

    private static PortConfig port(String path, dev.berth.model.project.PortConfig port) {
        PortConfig out = new PortConfig().withTargetPort(Math.toIntExact(port.target()))
                .withProtocol(protocol(path, port.protocol()))
                .withPublishMode("host".equals(port.mode()) ? PortConfig.PublishMode.host : PortConfig.PublishMode.ingress);
        if (port.published() != null && !port.published().isEmpty()) {
            try {
                out.withPublishedPort(Integer.parseInt(port.published()));
            } catch (NumberFormatException e) {
                throw new StackConversionException(path + ".published", port.published(),
                        "a Swarm service publishes single ports, not ranges", "write one port per entry");
            }
        }
        if (port.mode() != null && !port.mode().equals("host") && !port.mode().equals("ingress")) {
            throw new StackConversionException(path + ".mode", port.mode(), "unknown publish mode",
                    "use ingress or host");
        }
        return out;
    }

    private static PortConfigProtocol protocol(String path, String protocol) {
        return switch (protocol == null ? "tcp" : protocol) {
            case "tcp" -> PortConfigProtocol.TCP;
            case "udp" -> PortConfigProtocol.UDP;
            case "sctp" -> PortConfigProtocol.SCTP;
            default -> throw new StackConversionException(path + ".protocol", protocol, "unknown protocol",
                    "use tcp, udp or sctp");
        };
    }
}
