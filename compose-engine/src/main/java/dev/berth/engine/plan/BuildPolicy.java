package dev.berth.engine.plan;

/** When {@code up} builds the images of services with a {@code build:} section. */
public enum BuildPolicy {
  /** When the image is missing, or the service says {@code pull_policy: build} (the default). */
  MISSING,
  /** Every time ({@code --build}). */
  ALWAYS,
  /** Never ({@code --no-build}): a missing image is an error. */
  NEVER
}
