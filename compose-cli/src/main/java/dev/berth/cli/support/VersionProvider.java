package dev.berth.cli.support;

import picocli.CommandLine.IVersionProvider;

/** Reads Berth's version from the jar manifest (falls back to "dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Berth version " + version()};
    }
}
