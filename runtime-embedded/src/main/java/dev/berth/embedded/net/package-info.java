/**
 * Bridge networking for the embedded engine, in container terms.
 *
 * <ul>
 *   <li>{@link dev.berth.embedded.net.NetworkManager}: one Linux bridge per network ({@code br-<12 hex of id>}),
 *       host-local IPAM (default /24s from 172.30.0.0/16 clear of the host's routes and addresses, or the
 *       configured subnet/ip_range/gateway/aux_addresses), endpoints (veth pair, address, default route)
 *       persisted per network as JSON so an engine restart keeps every address.</li>
 *   <li>{@link dev.berth.embedded.net.ContainerNetns}: the named namespace ({@code /run/netns/berth-<id>}) the
 *       engine puts into config.json before {@code runc create}.</li>
 *   <li>{@link dev.berth.embedded.net.Firewall}: iptables rules in Berth's own chains (filter BERTH-FORWARD,
 *       nat BERTH-POSTROUTING, nat BERTH-PORTS), each tagged with a comment and removed exactly by tag, applied
 *       with one {@code iptables-restore --noflush} per change.</li>
 *   <li>{@link dev.berth.embedded.net.DnsService}/{@link dev.berth.embedded.net.DnsServer}: one UDP resolver per
 *       network on its gateway address (the aardvark-dns model), scoped by the asker's networks, round robin,
 *       forwarding to the host's resolvers; {@link dev.berth.embedded.net.ResolvConf} and
 *       {@link dev.berth.embedded.net.HostsFile} render the container's files.</li>
 *   <li>{@link dev.berth.embedded.net.PortPublisher}: published ports (fixed, range, ephemeral; tcp/udp):
 *       DNAT for non-loopback host addresses plus a userland proxy that serves 127.0.0.1.</li>
 * </ul>
 * Host tools: {@code ip} (iproute2, batched), {@code iptables-save}/{@code iptables-restore}, {@code nsenter}
 * (only for namespaces given by pid).
 */
package dev.berth.embedded.net;
