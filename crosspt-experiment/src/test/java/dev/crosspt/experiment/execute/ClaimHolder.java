package dev.crosspt.experiment.execute;

import dev.crosspt.experiment.CellClaim;
import java.nio.file.Path;

/** For {@link CellExecutorsTest}: a worker in another process that claims a cell and holds it until killed. */
public final class ClaimHolder {

    private ClaimHolder() {}

    /** Claims the cell directory given as the only argument, says so on stdout, and waits. */
    public static void main(String[] args) throws InterruptedException {
        if (CellClaim.tryClaim(Path.of(args[0])).isEmpty()) {
            System.out.println("held by another worker");
            System.exit(1);
        }
        System.out.println("claimed");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
