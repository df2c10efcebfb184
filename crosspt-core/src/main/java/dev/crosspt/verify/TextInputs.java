package dev.crosspt.verify;

import java.util.List;

/**
 * The texts a reference was computed from ({@code expected.json} beside the reference file), so that an engine
 * can re-encode them and the token ids can be compared exactly.
 *
 * @param inputs the model input texts
 * @param targets the target texts
 */
public record TextInputs(List<String> inputs, List<String> targets) {}
