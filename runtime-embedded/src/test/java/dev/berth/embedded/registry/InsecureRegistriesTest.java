package dev.berth.embedded.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's insecure-registries entries and registry-mirrors URLs. */
class InsecureRegistriesTest {
    @Test
    void namesMatchExactlyNetworksByAddressAndLoopbackByDefault() {
        InsecureRegistries insecure = InsecureRegistries.parse(List.of("registry.lan:5000", "http://10.1.0.0/16",
                "fd00::/8"));
        assertTrue(insecure.contains("registry.lan:5000"));
        assertFalse(insecure.contains("registry.lan"), "a name without the port is another registry");
        assertTrue(insecure.contains("10.1.200.3:443"));
        assertFalse(insecure.contains("10.2.0.1:443"));
        assertTrue(insecure.contains("[fd12::1]:5000"));
        assertTrue(insecure.contains("127.0.0.1:5000") && insecure.contains("localhost:5000"), "loopback, as Docker");
        assertFalse(insecure.withLoopback(false).contains("127.0.0.1:5000"));
        assertFalse(InsecureRegistries.loopbackOnly().contains("registry.lan:5000"));
    }

    @Test
    void entriesThatAreNeitherANameNorANetworkAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InsecureRegistries.parse(List.of("a b")))
                .getMessage().contains("'a b' is neither host[:port] nor a network"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InsecureRegistries.parse(List.of("10.0.0.0/40")))
                .getMessage().contains("prefix longer than 32 bits"));
    }

    @Test
    void dockerHubsPullsTryTheMirrorsInOrderThenTheHub() {
        DockerHub hub = DockerHub.defaults().withMirrors(List.of(URI.create("http://127.0.0.1:6000"),
                URI.create("https://mirror.example")));
        assertEquals(List.of("mirror http://127.0.0.1:6000", "mirror https://mirror.example", "registry docker.io"),
                hub.pullEndpoints().stream().map(RegistryEndpoint::describe).toList());
        assertEquals("127.0.0.1:6000", hub.pullEndpoints().get(0).name(), "credentials are looked up by the mirror");
        assertThrows(IllegalArgumentException.class, () -> hub.withMirrors(List.of(URI.create("https://u:p@m.example"))));
    }
}
