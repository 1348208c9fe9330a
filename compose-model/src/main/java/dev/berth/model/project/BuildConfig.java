package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * How to build a service image ({@code build:}); {@code args} values may be null (taken from the build environment).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildConfig(
        @JsonProperty("context") String context,
        @JsonProperty("dockerfile") String dockerfile,
        @JsonProperty("dockerfile_inline") String dockerfileInline,
        @JsonProperty("entitlements") List<String> entitlements,
        @JsonProperty("args") Map<String, String> args,
        @JsonProperty("ssh") Map<String, String> ssh,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("cache_from") List<String> cacheFrom,
        @JsonProperty("cache_to") List<String> cacheTo,
        @JsonProperty("no_cache") Boolean noCache,
        @JsonProperty("no_cache_filter") List<String> noCacheFilter,
        @JsonProperty("additional_contexts") Map<String, String> additionalContexts,
        @JsonProperty("network") String network,
        @JsonProperty("provenance") String provenance,
        @JsonProperty("sbom") String sbom,
        @JsonProperty("pull") Boolean pull,
        @JsonProperty("target") String target,
        @JsonProperty("shm_size") Long shmSize,
        @JsonProperty("extra_hosts") Map<String, List<String>> extraHosts,
        @JsonProperty("isolation") String isolation,
        @JsonProperty("privileged") Boolean privileged,
        @JsonProperty("secrets") List<FileRef> secrets,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("ulimits") Map<String, Ulimit> ulimits,
        @JsonProperty("platforms") List<String> platforms) {

    public BuildConfig {
        entitlements = Copy.list(entitlements);
        args = Copy.map(args);
        ssh = Copy.map(ssh);
        labels = Copy.map(labels);
        cacheFrom = Copy.list(cacheFrom);
        cacheTo = Copy.list(cacheTo);
        noCacheFilter = Copy.list(noCacheFilter);
        additionalContexts = Copy.map(additionalContexts);
        extraHosts = Copy.map(extraHosts);
        secrets = Copy.list(secrets);
        tags = Copy.list(tags);
        ulimits = Copy.map(ulimits);
        platforms = Copy.list(platforms);
    }
}
