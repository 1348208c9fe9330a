package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @CsvSource({
      "busybox, docker.io, library/busybox, latest, busybox:latest",
      "redis:7-alpine, docker.io, library/redis, 7-alpine, redis:7-alpine",
      "user/app, docker.io, user/app, latest, user/app:latest",
      "docker.io/library/busybox:1.36, docker.io, library/busybox, 1.36, busybox:1.36",
      "index.docker.io/library/busybox, docker.io, library/busybox, latest, busybox:latest",
      "localhost/app, localhost, app, latest, localhost/app:latest",
      "127.0.0.1:5000/team/app:v1, 127.0.0.1:5000, team/app, v1, 127.0.0.1:5000/team/app:v1",
      "ghcr.io/org/sub/app:1.0_rc, ghcr.io, org/sub/app, 1.0_rc, ghcr.io/org/sub/app:1.0_rc",
      "my-registry.example:443/a__b/c-d.e, my-registry.example:443, a__b/c-d.e, latest, my-registry.example:443/a__b/c-d.e:latest",
  })
  void normalisesLikeDocker(String text, String registry, String repository, String tag, String familiar) {
    ImageName name = ImageName.parse(text);
    assertEquals(registry, name.registry());
    assertEquals(repository, name.repository());
    assertEquals(tag, name.tag());
    assertEquals(familiar, name.familiar());
    assertEquals(name, ImageName.parse(name.canonical()), "canonical form parses back to the same name");
  }

  @Test
  void aDigestWithoutTagHasNoTagAndIsTheManifestReference() {
    ImageName name = ImageName.parse("alpine@sha256:" + HEX);
    assertNull(name.tag());
    assertEquals("sha256:" + HEX, name.manifestReference());
    assertEquals("docker.io/library/alpine@sha256:" + HEX, name.canonical());
    assertEquals("alpine@sha256:" + HEX, name.familiar());
  }

  @Test
  void tagAndDigestTogetherKeepBoth() {
    ImageName name = ImageName.parse("127.0.0.1:5000/app:1@sha256:" + HEX);
    assertEquals("1", name.tag());
    assertEquals("sha256:" + HEX, name.manifestReference());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Busybox", "busybox:", "busybox:-x", "a//b", "-app", "app@sha256:123", "app@md5:" + HEX,
      HEX, "sha256:" + HEX, "bad_host:port:x/app", "repo/", "http://registry/app"})
  void invalidReferencesAreRejectedWithTheRule(String text) {
    InvalidImageReferenceException e = assertThrows(InvalidImageReferenceException.class, () -> ImageName.parse(text));
    assertTrue(e.getMessage().startsWith("invalid image reference '" + text + "': "), e.getMessage());
    assertTrue(e.getMessage().contains("[registry[:port]/]repository[:tag]"), e.getMessage());
  }

  @Test
  void theMessageNamesTheBrokenPart() {
    var e = assertThrows(InvalidImageReferenceException.class, () -> ImageName.parse("Team/App:1"));
    assertTrue(e.getMessage().contains("the repository 'Team/App' must be lowercase"), e.getMessage());
    assertTrue(ImageRef.of("busybox").parse().canonical().equals("docker.io/library/busybox:latest"));
  }
}
