package dev.crosspt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    private static Map<String, Object> ordered(String... keys) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : keys) {
            map.put(key, key.length());
        }
        return map;
    }

    @Test
    void pluginSettingsAreDescribedInOneOrderWhateverTheirInsertionOrder() {
        TrainingSettings a = TrainingSettings.builder().selector("topk", ordered("temperature", "k", "anneal-fraction")).build();
        TrainingSettings b = TrainingSettings.builder().selector("topk", ordered("k", "anneal-fraction", "temperature")).build();
        // a resumed run compares this text with the checkpoint's: it must not depend on map order
        assertEquals(TrainingCheckpoint.settingsJson(a), TrainingCheckpoint.settingsJson(b));
        assertEquals(List.of("anneal-fraction", "k", "temperature"), List.copyOf(a.selectorSettings().keySet()));
    }

    @Test
    void badValuesNameTheSettingAndTheValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingSettings.builder().steps(-5).build());
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("-5"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> TrainingSettings.builder().variant(Variant.SIL).build());
        assertTrue(e.getMessage().contains("source-bank"), e.getMessage());
    }

    @Test
    void variantNamesParseAsThePaperWritesThem() {
        assertEquals(Variant.MT_P, Variant.parse("MT-P"));
        assertEquals(Variant.SLP, Variant.parse("slp"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Variant.parse("SPL"));
        assertTrue(e.getMessage().contains("SLP") && e.getMessage().contains("MT-P"), e.getMessage());
    }
}
