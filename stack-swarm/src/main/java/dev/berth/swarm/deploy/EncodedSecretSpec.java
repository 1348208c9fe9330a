package dev.berth.swarm.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.SecretSpec;
import java.util.Base64;

/**
 * docker-java 3.5.1's {@link SecretSpec#withData(String)} encodes the string's bytes in the platform charset, which
 * would corrupt binary secrets; this spec carries the base64 of the exact bytes instead.
 */
final class EncodedSecretSpec extends SecretSpec {
    private static final long serialVersionUID = 1L;

    private final String encoded;

    EncodedSecretSpec(byte[] data) {
        this.encoded = Base64.getEncoder().encodeToString(data);
    }

    @Override
    @JsonProperty("Data")
    public String getData() {
        return encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedSecretSpec s && super.equals(o) && encoded.equals(s.encoded);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + encoded.hashCode();
    }
}
