package dev.berth.engine.copy;

/** The directory an archive is extracted into, and how its entries are named there. */
public record Landing(String directory, EntryNaming naming) {

    /**
     * Docker's destination rules. Onto an existing directory the source lands inside it (only its contents for
     * {@code SRC/.}); onto an existing file a file replaces it, a directory is refused; onto a missing path the
     * source is created under that name in the path's parent, except that a file cannot create a directory
     * asserted by a trailing {@code /}.
     *
     * @throws CopyException for a directory onto a file, or a file into a missing directory
     */
    public static Landing of(CopySource source, CopyDestination destination) {
        String path = destination.path();
        if (destination.exists() && destination.directory()) {
            EntryNaming naming = source.contentsOnly() && source.directory()
                    ? new EntryNaming.ContentsOf(source.archiveTop())
                    : new EntryNaming.Rename(source.archiveTop(), source.name());
            return new Landing(CopyPaths.clean(path), naming);
        }
        if (destination.exists() && source.directory()) {
            throw new CopyException("cannot copy a directory onto the file " + path
                    + "; name a directory or a path that does not exist yet");
        }
        if (!destination.exists() && !source.directory() && CopyPaths.assertsDirectory(path)) {
            throw new CopyException("destination directory " + path + " does not exist; create it first, or drop "
                    + "the trailing / to copy the file under that name");
        }
        return new Landing(CopyPaths.parent(path),
                new EntryNaming.Rename(source.archiveTop(), CopyPaths.base(path)));
    }
}
