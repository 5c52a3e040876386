package dev.moviola.asset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a render finds the sources its plan refers to ({@link AssetRef}): the files this process fetched, or a
 * blob store shared by every machine of a service.
 */
public interface AssetStore {

    /** The source as a local file, to be read only. */
    Path file(AssetRef ref) throws IOException, InterruptedException;
}
