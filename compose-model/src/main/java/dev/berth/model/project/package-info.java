/**
 * The immutable, typed Compose model ({@link dev.berth.model.project.Project}, {@link dev.berth.model.project.Service}
 * and their nested records) and its binding from a canonical mapping ({@link dev.berth.model.project.ProjectBinder}).
 * Conventions: YAML names in {@code @JsonProperty}; collections unmodifiable, ordered, empty when absent (except
 * {@code command}, {@code entrypoint}, {@code healthcheck.test}, where null means "the image's"); durations are
 * normalised Go-style strings ({@code 1m30s}); byte sizes are numbers of bytes; {@code x-*} keys are in
 * {@code extensions}.
 */
package dev.berth.model.project;
