package dev.berth.cli.config;

/** The output formats of {@code berth config}. */
public enum ConfigFormat { yaml, json }
