/**
 * Merging Compose files ({@code -f a.yaml -f b.yaml}): {@link dev.berth.model.merge.ComposeMerger} applies the
 * rules of {@link dev.berth.model.merge.MergeRules} (by attribute path) and the {@code !reset}/{@code !override}
 * tags, then de-duplicates unique-key sequences. Start from {@code ComposeMerger.mergeAll(files)} so that even a
 * single file loses its tags.
 */
package dev.berth.model.merge;
