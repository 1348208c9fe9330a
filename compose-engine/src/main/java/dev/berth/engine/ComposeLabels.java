package dev.berth.engine;

/** The labels Docker Compose v2 puts on the resources it manages; Berth writes and reads the same ones. */
public final class ComposeLabels {
  public static final String PROJECT = "com.docker.compose.project";
  public static final String SERVICE = "com.docker.compose.service";
  public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
  public static final String ONEOFF = "com.docker.compose.oneoff";
  public static final String CONFIG_HASH = "com.docker.compose.config-hash";
  public static final String IMAGE = "com.docker.compose.image";
  public static final String DEPENDS_ON = "com.docker.compose.depends_on";
  public static final String REPLACE = "com.docker.compose.replace";
  /** A one-off ({@code run}) container's random id; its first 12 hex digits end the container's name. */
  public static final String SLUG = "com.docker.compose.slug";
  public static final String NETWORK = "com.docker.compose.network";
  public static final String VOLUME = "com.docker.compose.volume";
  /**
   * Berth's own: a digest per secret and config a service receives by value or from a file
   * ({@code secret:<name>=<digest>,config:<name>=<digest>}), so that a recreate can say which of them changed.
   */
  public static final String FILE_OBJECT_DIGESTS = "dev.berth.file-object-digests";

  private ComposeLabels() {}
}
