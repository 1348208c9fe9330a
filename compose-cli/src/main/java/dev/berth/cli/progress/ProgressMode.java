package dev.berth.cli.progress;

/** How engine progress is shown ({@code --progress}, {@code COMPOSE_PROGRESS}). */
public enum ProgressMode { AUTO, TTY, PLAIN, JSON, QUIET }
