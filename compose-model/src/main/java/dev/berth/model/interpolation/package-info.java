/**
 * Compose variable interpolation: the template syntax ({@link dev.berth.model.interpolation.Template}), the
 * per-file interpolation phase over a node tree ({@link dev.berth.model.interpolation.Interpolator}) and the
 * listing of variable usages for {@code config --variables}
 * ({@link dev.berth.model.interpolation.VariableUsages}). Knows nothing of where values come from: callers pass
 * a lookup function.
 */
package dev.berth.model.interpolation;
