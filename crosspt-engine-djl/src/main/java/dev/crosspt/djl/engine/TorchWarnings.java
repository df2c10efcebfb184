package dev.crosspt.djl.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PyTorch's "AutoNonVariableTypeMode is deprecated" warning off the terminal.
 *
 * <p>DJL's native {@code torchSet} (behind {@code NDArray.set(Buffer)}, which training and dropout call) opens an
 * {@code AutoNonVariableTypeMode} guard, whose constructor in libtorch's {@code LegacyTypeDispatch.h} says
 * {@code TORCH_WARN_ONCE}: the first call in a process prints the warning through c10's own logger, whatever
 * {@code TORCH_CPP_LOG_LEVEL} or {@code GLOG_minloglevel} say (libtorch reads neither outside Python). The warning
 * is about DJL's code, not the user's, and nothing can act on it. So the one call that would print it is made here,
 * with c10's log level ({@code FLAGS_caffe2_log_level}, an exported global of {@code libc10.so}) raised to errors for
 * that call only: the "once" is spent and every other warning still prints.
 */
public final class TorchWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(TorchWarnings.class);
    private static final String LEVEL_SYMBOL = "FLAGS_caffe2_log_level";
    /** c10's severities: 0 info, 1 warning, 2 error. */
    private static final int ERROR = 2;

    private static boolean done;

    private TorchWarnings() {}

    /**
     * Spends PyTorch's one deprecation warning silently; later calls do nothing. Starts the PyTorch engine.
     *
     * @return whether the warning was spent with the log level raised (false where {@code libc10.so} or its level
     *     cannot be found, and the warning prints as before)
     */
    public static synchronized boolean silenceDeprecatedGuardWarning() {
        if (done) {
            return true;
        }
        Engine engine = Engine.getEngine(Devices.ENGINE);
        Optional<Pointer> level = logLevel();
        if (level.isEmpty()) {
            return false;
        }
        int previous = level.get().getInt(0);
        level.get().setInt(0, Math.max(previous, ERROR));
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            manager.zeros(new Shape(1)).set(FloatBuffer.wrap(new float[] {0f}));
        } finally {
            level.get().setInt(0, previous);
        }
        done = true;
        return true;
    }

    /** The address of c10's log level in the libc10.so this process loaded, if found. */
    static Optional<Pointer> logLevel() {
        try {
            Optional<Path> c10 = loaded("libc10.so");
            if (c10.isEmpty()) {
                LOG.debug("libc10.so is not among this process's mapped files; PyTorch's warnings stay as they are");
                return Optional.empty();
            }
            return Optional.of(NativeLibrary.getInstance(c10.get().toString()).getGlobalVariableAddress(LEVEL_SYMBOL));
        } catch (UnsatisfiedLinkError | IOException e) {
            LOG.debug("cannot reach {} in libc10.so ({}); PyTorch's warnings stay as they are", LEVEL_SYMBOL,
                    e.toString());
            return Optional.empty();
        }
    }

    /** The path of a shared library this process has mapped (Linux: /proc/self/maps). */
    private static Optional<Path> loaded(String name) throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(maps)) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.endsWith("/" + name)) {
                return Optional.of(Path.of(line.substring(slash)));
            }
        }
        return Optional.empty();
    }
}
