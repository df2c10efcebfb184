package dev.crosspt.djl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PyTorch's "AutoNonVariableTypeMode is deprecated" warning is written by native code to the process's stderr, so
 * each case runs in a JVM of its own ({@link Probe}) and reads what it printed.
 */
@Timeout(120)
class TorchWarningsTest {

    private static final String WARNING = "AutoNonVariableTypeMode is deprecated";

    @Test
    void withoutItTheFirstSetFromABufferPrintsTheWarning() throws Exception {
        String output = probe(false);
        assertTrue(output.contains(WARNING), "the warning this class exists for no longer prints:\n" + output);
    }

    @Test
    void afterItNoSetFromABufferPrintsTheWarning() throws Exception {
        String output = probe(true);
        assertTrue(output.contains("silenced=true"), output);
        assertFalse(output.contains(WARNING), output);
        assertTrue(output.contains("probe done"), output);
    }

    @Test
    void theLogLevelIsPutBackAndOtherWarningsStillPrint() {
        Engine.getEngine(Devices.ENGINE);
        int before = TorchWarnings.logLevel().orElseThrow().getInt(0);
        assertTrue(TorchWarnings.silenceDeprecatedGuardWarning());
        assertEquals(before, TorchWarnings.logLevel().orElseThrow().getInt(0));
        assertTrue(TorchWarnings.silenceDeprecatedGuardWarning(), "a second call is a no-op that still says true");
    }

    private static String probe(boolean silence) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                Boolean.toString(silence)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(100, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    /** Sets arrays from buffers three times, as training does, after silencing the warning or not. */
    public static final class Probe {

        public static void main(String[] args) {
            if (Boolean.parseBoolean(args[0])) {
                System.out.println("silenced=" + TorchWarnings.silenceDeprecatedGuardWarning());
            }
            try (NDManager manager = Engine.getEngine(Devices.ENGINE).newBaseManager()) {
                for (int i = 0; i < 3; i++) {
                    manager.zeros(new Shape(2)).set(FloatBuffer.wrap(new float[] {i, i}));
                }
            }
            System.out.println("probe done");
        }
    }
}
