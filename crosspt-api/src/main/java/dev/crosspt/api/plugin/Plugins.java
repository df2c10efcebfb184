package dev.crosspt.api.plugin;

import dev.crosspt.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds plugin providers by their short names.
 *
 * <p>A name resolves in three steps, as JMH resolves its profilers: a provider found by {@link ServiceLoader}
 * under that short name; otherwise, a fully-qualified class name of a provider with a public no-argument
 * constructor; otherwise an error that lists the known names and the closest one.
 */
public final class Plugins {

    private Plugins() {}

    /**
     * Every provider of a kind visible to the context class loader, by name.
     *
     * @throws InvalidInputException when two providers claim the same name, or one cannot be instantiated
     */
    public static <P extends PluginProvider> Map<String, P> all(Class<P> kind) {
        Map<String, P> byName = new TreeMap<>();
        try {
            for (P provider : ServiceLoader.load(kind, classLoader())) {
                P previous = byName.putIfAbsent(provider.name(), provider);
                if (previous != null && previous.getClass() != provider.getClass()) {
                    throw new InvalidInputException(kind.getSimpleName() + " name '" + provider.name()
                            + "' is claimed by both " + previous.getClass().getName() + " and "
                            + provider.getClass().getName() + ": rename one of them");
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new InvalidInputException("a " + kind.getSimpleName() + " plugin could not be loaded: " + e.getMessage(), e);
        }
        return byName;
    }

    /**
     * The provider of a kind with this name (or this provider class name).
     *
     * @throws InvalidInputException for an unknown name, listing the known ones and the closest
     */
    public static <P extends PluginProvider> P find(Class<P> kind, String name) {
        return find(kind, name, all(kind));
    }

    /**
     * As {@link #find(Class, String)}, among {@code known} providers instead of those {@link #all} finds (say, the
     * ones a Guice module bound), then by provider class name.
     *
     * @param known the providers by short name
     * @throws InvalidInputException for an unknown name, listing the known ones and the closest
     */
    public static <P extends PluginProvider> P find(Class<P> kind, String name, Map<String, ? extends P> known) {
        P provider = known.get(name);
        if (provider != null) {
            return provider;
        }
        if (name != null && name.contains(".")) {
            return instantiate(kind, name);
        }
        String closest = closest(name == null ? "" : name, new ArrayList<>(known.keySet()));
        throw new InvalidInputException("unknown " + label(kind) + " '" + name + "'"
                + (closest == null ? "" : "; did you mean '" + closest + "'?")
                + " Known: " + (known.isEmpty() ? "none" : String.join(", ", known.keySet())));
    }

    /** The known name closest to {@code name} by edit distance, or null when there are none. */
    public static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static <P extends PluginProvider> P instantiate(Class<P> kind, String className) {
        try {
            Class<?> type = Class.forName(className, true, classLoader());
            if (!kind.isAssignableFrom(type)) {
                throw new InvalidInputException(className + " is not a " + kind.getName());
            }
            return kind.cast(type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new InvalidInputException("cannot create " + label(kind) + " '" + className
                    + "': it must be a public class with a public no-argument constructor on the class path ("
                    + e + ")", e);
        }
    }

    private static String label(Class<?> kind) {
        String simple = kind.getSimpleName().replace("Provider", "");
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Plugins.class.getClassLoader();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
