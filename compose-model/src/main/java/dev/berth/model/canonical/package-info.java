/**
 * Loading phase "canonical form": a merged, interpolated, schema-valid project mapping becomes the long-form model
 * {@code docker compose config} prints ({@link dev.berth.model.canonical.Canonicalizer}). Short syntax is expanded,
 * {@code KEY=VALUE} lists become mappings, {@code env_file}/{@code label_file} are read, durations and byte sizes
 * normalised; with {@link dev.berth.model.canonical.CanonicalContext#resolvePaths()} host paths become absolute and
 * with {@link dev.berth.model.canonical.CanonicalContext#normalize()} the default network, resource names and
 * implicit {@code depends_on} are added. Depends only on {@code tree} and {@code problem}.
 */
package dev.berth.model.canonical;
