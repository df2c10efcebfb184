package dev.crosspt.fetch;

/**
 * One file of a Hugging Face model repo, as the hub's model API lists it with {@code ?blobs=true}.
 *
 * @param name the path in the repo, such as {@code config.json}
 * @param size the size in bytes, or -1 when the hub did not say
 * @param lfsSha256 the SHA-256 of a file stored in LFS (weights, large tokenizers), or null for a plain git
 *     file
 * @param blobId the git object id, or null when the hub did not say
 */
public record HubFile(String name, long size, String lfsSha256, String blobId) {

    /**
     * The name huggingface_hub gives the file under {@code blobs/}: its ETag, which the hub sets to the
     * SHA-256 for LFS files and to the git object id for the rest.
     *
     * @return the blob name, or null when the hub gave neither checksum
     */
    public String blobName() {
        return lfsSha256 != null ? lfsSha256 : blobId;
    }

    /**
     * What the downloaded file must be: the size, plus the SHA-256 for LFS files or the git object id for
     * the others.
     *
     * @return the expectation to verify the download against
     */
    public ExpectedContent expected() {
        return lfsSha256 != null ? ExpectedContent.of(size, lfsSha256) : new ExpectedContent(size, null, blobId);
    }
}
