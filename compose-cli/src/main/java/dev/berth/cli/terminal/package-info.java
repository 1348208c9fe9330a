/**
 * The user's side of interactive sessions ({@code exec -it}, {@code run -it}, {@code attach}): raw mode and window
 * size of the user's terminal (JLine), detach keys, signal forwarding, and the {@link SessionPump} that connects the
 * user's streams to a {@link dev.berth.runtime.ProcessSession}. Nothing here depends on how the JVM was started: the
 * streams come from the command, the terminal is opened on the process's own standard streams only when they are one.
 */
package dev.berth.cli.terminal;
