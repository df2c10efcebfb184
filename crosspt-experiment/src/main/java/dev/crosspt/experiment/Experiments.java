package dev.crosspt.experiment;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import com.google.inject.util.Types;
import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.Plugins;
import dev.crosspt.train.PluginSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Assembles {@link Experiment}s with Guice: a spec's {@link ExperimentModule}, overridden by a user's module when
 * one is given, or the user's module alone on {@link PluginsModule} when there is no spec. Guice's errors come
 * back as one {@link InvalidInputException} listing its messages.
 */
public final class Experiments {

    private Experiments() {}

    /**
     * Loads a user's module: a public class implementing {@link Module} with a public no-argument constructor.
     *
     * @throws InvalidInputException when it is not on the class path or cannot be made
     */
    public static Module loadModule(String className) {
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, true, loader != null ? loader : Experiments.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidInputException("--assembly: no class " + className + " on the class path (" + e + ")", e);
        }
        if (!Module.class.isAssignableFrom(type)) {
            throw new InvalidInputException("--assembly: " + className + " does not implement " + Module.class.getName());
        }
        try {
            return (Module) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InvalidInputException("--assembly: cannot create " + className
                    + ": it must be a public class with a public no-argument constructor (" + e + ")", e);
        }
    }

    /**
     * The injector for a spec, a user's module, or both.
     *
     * @param spec the spec whose settings are the defaults, or null
     * @param user the user's module, overriding the spec's bindings, or null
     */
    public static Injector injector(ExperimentSpec spec, Module user) {
        if (spec == null && user == null) {
            throw new InvalidInputException("give an experiment spec, an --assembly module, or both");
        }
        Module module;
        if (spec == null) {
            module = Modules.combine(new PluginsModule(), user);
        } else if (user == null) {
            module = new ExperimentModule(spec);
        } else {
            module = Modules.override(new ExperimentModule(spec)).with(user);
        }
        return guice(() -> Guice.createInjector(module));
    }

    /**
     * The plugins a spec may name when it is assembled with {@code user}: those {@link java.util.ServiceLoader}
     * finds and those the module binds in {@link PluginsModule}'s map binders, then provider class names. A spec
     * is validated against these, so that a plugin only the module adds can be named in it.
     *
     * @param user the user's module, or null for the plugins on the class path
     */
    public static PluginSource plugins(Module user) {
        if (user == null) {
            return PluginSource.serviceLoader();
        }
        Injector injector;
        try {
            injector = Guice.createInjector(Modules.combine(new PluginsModule(), user));
        } catch (CreationException | ConfigurationException e) {
            // the module needs what only a spec binds, or is broken: the full assembly reports its errors
            return PluginSource.serviceLoader();
        }
        return bound(injector);
    }

    /** The plugins an injector binds in {@link PluginsModule}'s map binders, then provider class names. */
    static PluginSource bound(Injector injector) {
        return new PluginSource() {
            @Override
            @SuppressWarnings("unchecked")
            public <P extends PluginProvider> P provider(Class<P> kind, String name) {
                Map<String, P> known = (Map<String, P>) injector.getInstance(Key.get(Types.mapOf(String.class, kind)));
                return Plugins.find(kind, name, known);
            }
        };
    }

    /** The experiment the injector assembles. */
    public static Experiment experiment(Injector injector) {
        return guice(() -> injector.getInstance(Experiment.class));
    }

    private static <T> T guice(Supplier<T> action) {
        try {
            return action.get();
        } catch (CreationException e) {
            throw fromGuice(e.getErrorMessages(), e);
        } catch (ConfigurationException e) {
            throw fromGuice(e.getErrorMessages(), e);
        } catch (ProvisionException e) {
            if (e.getCause() instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw fromGuice(e.getErrorMessages(), e);
        }
    }

    private static InvalidInputException fromGuice(Collection<Message> messages, RuntimeException e) {
        List<String> lines = messages.stream().map(m -> SpecErrors.oneLine(m.getMessage())).toList();
        return new InvalidInputException("experiment assembly failed (" + lines.size() + " Guice error"
                + (lines.size() == 1 ? "" : "s") + "): " + String.join("; ", lines), e);
    }
}
