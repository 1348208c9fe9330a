/**
 * Top-level {@code include}: {@link dev.berth.model.include.IncludeResolver} loads each entry as a project of its own
 * through an {@link dev.berth.model.include.IncludedProjectLoader} and copies its resources in. Depends on
 * {@code merge} and {@code extend}.
 */
package dev.berth.model.include;
