package dev.crosspt.cli;

import dev.crosspt.api.backbone.BackboneAdapterProvider;
import dev.crosspt.api.compose.PromptComposerProvider;
import dev.crosspt.api.execute.CellExecutorProvider;
import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.api.route.RouterProvider;
import dev.crosspt.api.schedule.LrScheduleProvider;
import dev.crosspt.api.select.SourceSelectorProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./crosspt plugins}: every plugin found on the class path, by SPI, with its description. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        header = "Lists the plugins on the class path, by SPI.",
        description = {
            "Lists every plugin found on the class path (ServiceLoader), by SPI, with a one-line description. Add "
                + "your own jar with CROSSPT_CLASSPATH=path/to/plugin.jar ./crosspt plugins."
        })
final class PluginsCommand implements Runnable {

    /** The SPIs, in the order a run uses them. */
    static final List<Class<? extends PluginProvider>> KINDS = List.of(BackboneAdapterProvider.class,
            RouterProvider.class, SourceSelectorProvider.class, PromptComposerProvider.class, LrScheduleProvider.class,
            CellExecutorProvider.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (Class<? extends PluginProvider> kind : KINDS) {
            String title = kind.getSimpleName().replace("Provider", "");
            out.println(title + " (" + kind.getName() + ")");
            Map<String, ? extends PluginProvider> found = Plugins.all(kind);
            if (found.isEmpty()) {
                out.println("  (none found)");
            }
            found.forEach((name, provider) -> out.printf("  %-18s %s%n", name, provider.description()));
            out.println();
        }
        out.flush();
    }
}
