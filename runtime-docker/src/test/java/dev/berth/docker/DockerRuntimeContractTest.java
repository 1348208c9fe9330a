package dev.berth.docker;

import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.tck.ContainerRuntimeContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runtime contract against a real dockerd (see {@link TestDockerDaemon}). */
class DockerRuntimeContractTest extends ContainerRuntimeContract {
  @RegisterExtension
  static final TestDockerDaemon DOCKER = new TestDockerDaemon();

  private static DockerRuntime runtime;

  @Override
  protected ContainerRuntime runtime() {
    if (runtime == null) {
      runtime = DockerRuntime.connect(DOCKER.endpoint());
    }
    return runtime;
  }

  @Override
  protected ImageRef testImage() {
    return DOCKER.image();
  }

  @AfterAll
  static void closeClient() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
  }
}
