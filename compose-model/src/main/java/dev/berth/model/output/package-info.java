/**
 * Deterministic renderings of a {@link dev.berth.model.project.Project}: canonical YAML and JSON
 * ({@link dev.berth.model.output.ProjectWriter}) and the {@code com.docker.compose.config-hash} values
 * ({@link dev.berth.model.output.ConfigHash}).
 */
package dev.berth.model.output;
