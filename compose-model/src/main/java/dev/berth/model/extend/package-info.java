/**
 * {@code extends}: {@link dev.berth.model.extend.ExtendsResolver} resolves it for every service of one file, reading
 * other files through a {@link dev.berth.model.extend.ComposeFileLoader};
 * {@link dev.berth.model.extend.PathRebaser} makes the relative paths of definitions taken from another file
 * absolute. Depends on {@code merge}.
 */
package dev.berth.model.extend;
