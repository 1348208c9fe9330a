/**
 * Consistency checks on a canonical project mapping ({@link dev.berth.model.validate.ConsistencyChecker}):
 * undefined references, dependency cycles, mutually exclusive attributes, conflicting resource definitions.
 */
package dev.berth.model.validate;
