package dev.crosspt.verify;

import java.util.List;
import java.util.Locale;

/**
 * The per-output results of a verification, printable as a table.
 *
 * @param reference the reference file
 * @param engine the engine that recomputed it
 * @param tolerance the largest relative difference that passes
 * @param checks one line per known output, in a fixed order
 * @param ignored names in the reference that crosspt does not know
 */
public record VerificationReport(
        String reference, String engine, double tolerance, List<OutputCheck> checks, List<String> ignored) {

    /** True when nothing failed (absent and not-applicable outputs neither pass nor fail). */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    /** A fixed-width table, one line per output, then a verdict line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "reference %s, engine %s, tolerance %.1e (relative to max(1, |ref|))%n",
                reference, engine, tolerance));
        out.append(String.format(Locale.ROOT, "%-16s %-15s %12s %12s  %s%n", "output", "status", "max abs", "max rel", "note"));
        for (OutputCheck check : checks) {
            out.append(String.format(Locale.ROOT, "%-16s %-15s %12s %12s  %s%n", check.name(),
                    check.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    number(check.maxAbsDiff()), number(check.maxRelDiff()), check.note()));
        }
        if (!ignored.isEmpty()) {
            out.append("not recognised, ignored: ").append(String.join(", ", ignored)).append(System.lineSeparator());
        }
        long failed = checks.stream().filter(c -> c.status() == CheckStatus.FAIL).count();
        long passedCount = checks.stream().filter(c -> c.status() == CheckStatus.PASS).count();
        out.append(passed() ? "PASS: " : "FAIL: ").append(passedCount).append(" passed, ").append(failed)
                .append(" failed").append(System.lineSeparator());
        return out.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3e", value);
    }
}
