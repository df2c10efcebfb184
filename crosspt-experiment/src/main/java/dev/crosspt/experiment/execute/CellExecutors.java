package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.CellExecutor;
import dev.crosspt.api.execute.CellExecutorProvider;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.experiment.ExperimentSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The executor an ablation runs its cells with: {@code --executor}, else the spec's {@code executor:} section. */
public final class CellExecutors {

    private static final Logger LOG = LoggerFactory.getLogger(CellExecutors.class);

    /** The spec section that names the executor and holds its settings. */
    public static final String SECTION = "executor";

    private CellExecutors() {}

    /**
     * The executor for a spec.
     *
     * @param override the {@code --executor} name, or null to use the spec's (default {@code local})
     * @throws dev.crosspt.api.InvalidInputException for an unknown name or a bad setting
     */
    public static CellExecutor create(ExperimentSpec spec, String override) {
        Map<String, Object> section = new LinkedHashMap<>();
        if (spec.raw().get(SECTION) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> section.put(String.valueOf(k), v));
        }
        String specName = String.valueOf(section.getOrDefault("name", LocalExecutorProvider.NAME));
        section.remove("name");
        String name = override != null ? override : specName;
        if (!name.equals(specName) && !section.isEmpty()) {
            // the spec's settings belong to another executor
            LOG.warn("--executor {}: ignoring the spec's settings for executor '{}'", name, specName);
            section.clear();
        }
        CellExecutorProvider provider = Plugins.find(CellExecutorProvider.class, name);
        return provider.create(PluginSettings.of("executor '" + name + "'", section));
    }
}
