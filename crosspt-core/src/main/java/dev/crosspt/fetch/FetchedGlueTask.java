package dev.crosspt.fetch;

import java.nio.file.Path;

/**
 * A GLUE task folder that is now in place.
 *
 * @param task the task's name, such as {@code CoLA}
 * @param dir its folder, such as {@code data/glue/CoLA}
 * @param alreadyPresent true when the folder was already there and nothing was downloaded
 */
public record FetchedGlueTask(String task, Path dir, boolean alreadyPresent) {
}
