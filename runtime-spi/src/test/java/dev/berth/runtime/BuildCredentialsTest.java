package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Build logins are found by the registry an image names, whichever way the client spelled the server address. */
class BuildCredentialsTest {
    private static final RegistryCredentials ALICE = RegistryCredentials.of("alice", "pw");
    private static final RegistryCredentials HUB = RegistryCredentials.ofIdentityToken("refresh");

    @Test
    void serverAddressesAsDockerClientsStoreThemNameTheRegistryOfTheImage() {
        Map<String, RegistryCredentials> sent = new LinkedHashMap<>();
        sent.put("https://index.docker.io/v1/", HUB);
        sent.put("https://127.0.0.1:5000/v2/", ALICE);
        BuildCredentials logins = new BuildCredentials(sent);

        assertEquals(Map.of("docker.io", HUB, "127.0.0.1:5000", ALICE), logins.byRegistry());
        assertEquals(Optional.of(HUB), logins.forImage(ImageRef.of("postgres:16")));
        assertEquals(Optional.of(ALICE), logins.forImage(ImageRef.of("127.0.0.1:5000/shop/base:1")));
        assertEquals(Optional.empty(), logins.forImage(ImageRef.of("127.0.0.1:5001/shop/base:1")));
        assertEquals(Optional.empty(), logins.forImage(ImageRef.of("sha256:" + "a".repeat(64))),
                "an image id names no registry");
    }

    @Test
    void neverShowsSecretsAndRefusesAnAddressWithoutHost() {
        BuildCredentials logins = new BuildCredentials(Map.of("127.0.0.1:5000", ALICE));
        assertFalse(logins.toString().contains("pw"), logins.toString());
        assertThrows(IllegalArgumentException.class, () -> new BuildCredentials(Map.of("https:///v2/", ALICE)));
    }
}
