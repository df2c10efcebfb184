package dev.crosspt.experiment;

import java.nio.file.Path;

/**
 * Where an experiment writes its run directory.
 *
 * @param path the run directory
 */
public record OutputDirectory(Path path) {}
