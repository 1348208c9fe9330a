/**
 * Bridge networking for the embedded engine, in container terms.
 *
 * <ul>
 *   <li>{@link dev.berth.embedded.net.NetworkManager}: one Linux bridge per network ({@code br-<12 hex of id>}),
 *       host-local IPAM (default /24s from 172.30.0.0/16 clear of the host's routes and addresses, or the
 *       configured pools: several IPv4 subnets, each with ip_range and gateway, addresses from the first unless
 *       {@code ipv4_address} picks another; with {@code enable_ipv6} IPv6 subnets too, whose addresses and gateway
 *       every endpoint gets; aux_addresses), endpoints (veth pair, addresses, routes to the network's other subnets,
 *       default routes) persisted per network as JSON so an engine restart keeps every address.</li>
 *   <li>{@link dev.berth.embedded.net.ContainerNetns}: the named namespace ({@code /run/netns/berth-<id>}) the
 *       engine puts into config.json before {@code runc create}.</li>
 *   <li>{@link dev.berth.embedded.net.Firewall}: iptables rules in Berth's own chains (filter BERTH-FORWARD,
 *       nat BERTH-POSTROUTING, nat BERTH-PORTS), each tagged with a comment and removed exactly by tag, applied
 *       with one {@code iptables-restore --noflush} per change; the same chains in ip6tables for IPv6 networks.</li>
 *   <li>{@link dev.berth.embedded.net.DnsService}/{@link dev.berth.embedded.net.DnsServer}: one UDP resolver per
 *       network on its gateway address (the aardvark-dns model), A and AAAA records, scoped by the asker's networks,
 *       round robin (the answers rotate per name and record type; clients that sort answers, as glibc does by
 *       RFC 6724 on one subnet, may still prefer one replica, as with Docker),
 *       forwarding to the host's resolvers; {@link dev.berth.embedded.net.ResolvConf} and
 *       {@link dev.berth.embedded.net.HostsFile} render the container's files.</li>
 *   <li>{@link dev.berth.embedded.net.PortPublisher}: published ports (fixed, range, ephemeral; tcp/udp):
 *       DNAT for non-loopback host addresses plus a userland proxy that serves 127.0.0.1.</li>
 * </ul>
 * Host tools: {@code ip} (iproute2, batched), {@code iptables-save}/{@code iptables-restore} (and the ip6tables
 * ones for IPv6 networks), {@code nsenter}
 * (only for namespaces given by pid).
 */
package dev.berth.embedded.net;
