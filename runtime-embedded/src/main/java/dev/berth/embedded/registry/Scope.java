package dev.berth.embedded.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access a request needs, in token-scope terms: pull (and push) on one repository, plus pull on the repository a
 * blob is mounted from.
 */
public record Scope(String repository, boolean push, Optional<String> mountFrom) {
    /** No repository: what a login check needs (a token without scope proves the credentials). */
    public static Scope registryOnly() {
        return new Scope("", false, Optional.empty());
    }

    public static Scope pull(String repository) {
        return new Scope(repository, false, Optional.empty());
    }

    public static Scope push(String repository) {
        return new Scope(repository, true, Optional.empty());
    }

    public Scope mountingFrom(String source) {
        return new Scope(repository, push, Optional.of(source));
    }

    /** The {@code scope} values of a token request, e.g. {@code repository:library/busybox:pull}. */
    public List<String> tokenScopes() {
        List<String> scopes = new ArrayList<>();
        if (!repository.isEmpty()) {
            scopes.add("repository:" + repository + (push ? ":pull,push" : ":pull"));
        }
        mountFrom.filter(from -> !from.equals(repository)).ifPresent(from -> scopes.add("repository:" + from + ":pull"));
        return List.copyOf(scopes);
    }
}
