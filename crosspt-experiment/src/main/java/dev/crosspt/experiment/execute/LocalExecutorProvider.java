package dev.crosspt.experiment.execute;

import dev.crosspt.api.execute.CellBatch;
import dev.crosspt.api.execute.CellExecutor;
import dev.crosspt.api.execute.CellExecutorProvider;
import dev.crosspt.api.execute.CellRef;
import dev.crosspt.api.plugin.PluginSettings;
import java.util.List;

/** {@code local}, the default executor: the cells one after another in this process. It takes no settings. */
public final class LocalExecutorProvider implements CellExecutorProvider {

    /** The executor's name. */
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "runs the cells one after another in this process (the default)";
    }

    @Override
    public CellExecutor create(PluginSettings settings) {
        settings.requireOnly();
        return LocalExecutorProvider::runAll;
    }

    private static CellExecutor.Outcome runAll(CellBatch batch) {
        List<CellRef> cells = batch.cells();
        int done = 0;
        batch.progress().done(0, cells.size());
        for (CellRef cell : cells) {
            batch.progress().started(cell);
            batch.runHere(cell);
            if (batch.done(cell)) {
                done++;
            }
            batch.progress().done(done, cells.size());
        }
        List<String> left = cells.stream().filter(c -> !batch.done(c)).map(CellRef::key).toList();
        return new CellExecutor.Outcome(left.isEmpty(), left.isEmpty() ? ""
                : left.size() + " cell(s) held by other workers, not run here: " + String.join("; ", left));
    }
}
