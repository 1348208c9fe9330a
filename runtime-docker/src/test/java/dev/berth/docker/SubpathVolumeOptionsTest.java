package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.Mount;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubpathVolumeOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aVolumeSubpathIsSentAsVolumeOptionsSubpath() {
    JsonNode mount = JSON.valueToTree(CreateContainerMapping.mount(new Mount.Volume(Optional.of("data"), "/etc/app",
        true, true, Optional.of("app/conf"))));
    assertEquals("app/conf", mount.path("VolumeOptions").path("Subpath").asText());
    assertEquals(true, mount.path("VolumeOptions").path("NoCopy").asBoolean());
    assertEquals("data", mount.path("Source").asText());
  }

  @Test
  void withoutASubpathNoVolumeOptionsAreSent() {
    JsonNode mount = JSON.valueToTree(CreateContainerMapping.mount(Mount.Volume.named("data", "/d")));
    assertEquals(true, mount.path("VolumeOptions").isMissingNode() || mount.path("VolumeOptions").isNull());
  }
}
