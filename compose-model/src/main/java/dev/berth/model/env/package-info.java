/**
 * The project environment used for interpolation: the {@code .env} / {@code env_file} format
 * ({@link dev.berth.model.env.EnvFileParser}), immutable variables with their origins
 * ({@link dev.berth.model.env.Environment}), the OS-environment-over-env-files precedence
 * ({@link dev.berth.model.env.ProjectEnvironment}) and {@code config --explain}
 * ({@link dev.berth.model.env.VariableExplanation}). Depends on {@code interpolation}, never the other way.
 */
package dev.berth.model.env;
