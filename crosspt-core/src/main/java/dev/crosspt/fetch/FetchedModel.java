package dev.crosspt.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * A model that is now in the local Hugging Face cache.
 *
 * @param repoId the model name, such as {@code google-t5/t5-base}
 * @param revision the revision asked for, such as {@code main}
 * @param commit the commit that revision pointed at
 * @param snapshotDir {@code <hub>/models--ORG--NAME/snapshots/<commit>}, the folder to load the model from
 * @param files the files in the snapshot, as repo paths
 * @param bytesDownloaded bytes downloaded by this fetch; 0 when everything was already cached
 * @param warnings things the user should know, such as a missing tokenizer.json; empty when all is well
 */
public record FetchedModel(String repoId, String revision, String commit, Path snapshotDir, List<String> files,
        long bytesDownloaded, List<String> warnings) {

    /** Freezes the lists. */
    public FetchedModel {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
