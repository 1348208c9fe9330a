package dev.berth.embedded.net;

import java.util.List;
import java.util.Optional;

/** Default subnets: a base range split into equal blocks, the first one that overlaps nothing in use. */
public record SubnetPool(Subnet base, int blockPrefix) {
    public SubnetPool {
        if (blockPrefix < base.prefix() || blockPrefix > 30) {
            throw new IllegalArgumentException("block prefix must be between " + base.prefix() + " and 30");
        }
    }

    /** 172.30.0.0/16 in /24s (256 networks), clear of docker's default 172.17-172.29 pools. */
    public static SubnetPool defaults() {
        return new SubnetPool(Subnet.parse("172.30.0.0/16"), 24);
    }

    public Optional<Subnet> pick(List<Subnet> used) {
        long blocks = 1L << (blockPrefix - base.prefix());
        long step = 1L << (32 - blockPrefix);
        for (long i = 0; i < blocks; i++) {
            Subnet candidate = new Subnet(base.address(i * step), blockPrefix);
            if (used.stream().noneMatch(candidate::overlaps)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
