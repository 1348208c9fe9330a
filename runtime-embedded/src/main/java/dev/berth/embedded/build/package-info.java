/**
 * The Dockerfile builder of the embedded engine.
 *
 * <p>{@link dev.berth.embedded.build.DockerfileParser} turns text into a {@link dev.berth.embedded.build.Dockerfile}
 * (directives, global ARGs, stages, instructions with line numbers); {@link dev.berth.embedded.build.DockerIgnore}
 * matches {@code .dockerignore} patterns; {@link dev.berth.embedded.build.ImageBuilder} executes a
 * {@link dev.berth.embedded.build.BuildRequest}: only the stages the target needs, RUN in engine containers (the
 * overlay upper directory becomes the layer, deletions as whiteouts), COPY/ADD layers written from the sources,
 * metadata instructions folded into the config, every RUN/COPY/ADD/WORKDIR step cached by parent image, config,
 * instruction, build args and source content hashes. Progress is reported as
 * {@link dev.berth.embedded.build.BuildEvent}s; errors are {@link dev.berth.embedded.build.DockerfileException}s
 * with the Dockerfile line and a hint.
 */
package dev.berth.embedded.build;
