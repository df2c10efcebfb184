/**
 * Downloads what crosspt needs from the internet, on request only ({@code ./crosspt fetch ...}); nothing else
 * in crosspt touches the network.
 *
 * <ul>
 *   <li>{@link dev.crosspt.fetch.Downloader}: one URL to one file, resumable ({@code .part} file and HTTP
 *       Range), verified (size, SHA-256) and moved into place atomically, with bounded retries.</li>
 *   <li>{@link dev.crosspt.fetch.HubModelFetcher}: the files a T5 needs from a Hugging Face model repo, into
 *       the hub cache exactly as huggingface_hub lays it out, so that {@link
 *       dev.crosspt.checkpoint.HfCache#resolveModel} finds them.</li>
 *   <li>{@link dev.crosspt.fetch.GlueFetcher}: the GLUE task archives, unpacked one folder per task as the
 *       official {@code download_glue_data.py} leaves them.</li>
 * </ul>
 *
 * <p>Every server address is configurable, so tests run against a server on the loopback interface.
 */
package dev.crosspt.fetch;
