package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed, normalised image reference as registries understand it: {@code registry/repository[:tag][@digest]}.
 * Normalisation follows Docker: no registry means {@code docker.io}, a one-part Docker Hub name lives under
 * {@code library/}, {@code index.docker.io} is {@code docker.io}, and a reference with neither tag nor digest means
 * tag {@code latest}.
 *
 * @param registry   host with optional port, e.g. {@code docker.io} or {@code 127.0.0.1:5000}
 * @param repository path inside the registry, e.g. {@code library/busybox}
 * @param tag        the tag, or null when only a digest was given
 * @param digest     {@code algorithm:hex}, or null
 */
public record ImageName(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern DOMAIN =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
  private static final Pattern IMAGE_ID = Pattern.compile("(?:sha256:)?[0-9a-f]{64}");

  public ImageName {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      tag = "latest";
    }
  }

  /**
   * Parses a reference such as {@code busybox}, {@code redis:7-alpine}, {@code 127.0.0.1:5000/team/app:1.0} or
   * {@code alpine@sha256:...}.
   *
   * @throws InvalidImageReferenceException naming the rule the text breaks
   */
  public static ImageName parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidImageReferenceException(String.valueOf(text), "the reference is empty");
    }
    if (IMAGE_ID.matcher(text).matches()) {
      throw new InvalidImageReferenceException(text,
          "a 64-digit hexadecimal string is an image id, not a repository name");
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidImageReferenceException(text,
            "the digest '" + digest + "' is not sha256:<64 lowercase hex digits>");
      }
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidImageReferenceException(text, "the tag '" + tag
            + "' must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
      }
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        if (!DOMAIN.matcher(first).matches()) {
          throw new InvalidImageReferenceException(text, "'" + first + "' is not a valid registry host[:port]");
        }
        registry = first.equals("index.docker.io") || first.equals("registry-1.docker.io") ? DOCKER_HUB : first;
        repository = rest.substring(slash + 1);
      }
    }
    if (repository.isEmpty()) {
      throw new InvalidImageReferenceException(text, "the repository name is missing");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new InvalidImageReferenceException(text, "the repository '" + repository
          + "' must be lowercase letters and digits, separated by '.', '_', '__', '-' or '/'");
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (registry.length() + 1 + repository.length() > 255) {
      throw new InvalidImageReferenceException(text, "the name is longer than 255 characters");
    }
    return new ImageName(registry, repository, tag, digest);
  }

  /** Whether {@code text} parses as a registry reference. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidImageReferenceException e) {
      return false;
    }
  }

  public Optional<String> digestOptional() {
    return Optional.ofNullable(digest);
  }

  /** What a registry's manifest endpoint takes: the digest when there is one, else the tag. */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  /** {@code registry/repository} without tag or digest, e.g. {@code docker.io/library/busybox}. */
  public String canonicalName() {
    return registry + "/" + repository;
  }

  /** The short name Docker shows: {@code busybox}, {@code user/app}, {@code 127.0.0.1:5000/app}. */
  public String familiarName() {
    if (!registry.equals(DOCKER_HUB)) {
      return canonicalName();
    }
    return repository.startsWith("library/") && repository.indexOf('/', 8) < 0 ? repository.substring(8) : repository;
  }

  /** The full reference, e.g. {@code docker.io/library/busybox:latest}. */
  public String canonical() {
    return canonicalName() + suffix();
  }

  /** The familiar reference, e.g. {@code busybox:latest}; Berth's image stores key tags by this form. */
  public String familiar() {
    return familiarName() + suffix();
  }

  public ImageName withTag(String newTag) {
    return new ImageName(registry, repository, newTag, null);
  }

  /** The same repository at a digest (the tag is kept for display, as Docker does). */
  public ImageName withDigest(String newDigest) {
    return new ImageName(registry, repository, tag, newDigest);
  }

  private String suffix() {
    return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return familiar();
  }
}
