package dev.crosspt.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginProvider;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.plugin.Plugins;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link PluginProvider}, as tests any implementation can run: a short lower-case name,
 * a one-line description, a public no-argument constructor, registration in {@code META-INF/services} under the
 * provider interface (so {@link Plugins#find} returns it by name and by class name), defaults that work with no
 * settings, and unknown settings rejected with an {@link InvalidInputException} that names them.
 *
 * <p>A plugin's test implements it beside the contract of its SPI:
 *
 * <pre>{@code
 * class SparsemaxSelectorTest implements SourceSelectorContract, PluginProviderContract<SourceSelectorProvider> {
 *     public SourceSelectorProvider provider() {
 *         return new SparsemaxSelectorProvider();
 *     }
 *
 *     public Class<SourceSelectorProvider> kind() {
 *         return SourceSelectorProvider.class;
 *     }
 *
 *     public void createWithSettings(PluginSettings settings) {
 *         provider().create(settings);
 *     }
 *
 *     public SourceSelector createSelector() {
 *         return provider().create(PluginSettings.empty("test"));
 *     }
 * }
 * }</pre>
 *
 * @param <P> the provider interface, such as {@code SourceSelectorProvider}
 */
public interface PluginProviderContract<P extends PluginProvider> {

    /** The pattern every plugin name matches: lower case letters, digits and dashes, not starting with a dash. */
    String NAME_PATTERN = "[a-z0-9][a-z0-9-]*";

    /** A new instance of the provider under test. */
    P provider();

    /** The provider interface the plugin is registered under, such as {@code SourceSelectorProvider.class}. */
    Class<P> kind();

    /**
     * Calls the provider's factory ({@code create} or {@code load}) with these settings, throwing what it throws.
     *
     * @param settings the settings to pass
     */
    void createWithSettings(PluginSettings settings);

    /** The name is short and stable: {@value #NAME_PATTERN}. */
    @Test
    default void nameIsLowerCaseDigitsAndDashes() {
        String name = provider().name();
        assertNotNull(name, "name()");
        assertTrue(name.matches(NAME_PATTERN), "name '" + name + "' must match " + NAME_PATTERN);
    }

    /** The description is one non-blank line. */
    @Test
    default void descriptionIsOneNonBlankLine() {
        String description = provider().description();
        assertNotNull(description, "description()");
        assertFalse(description.isBlank(), "description() is blank");
        assertFalse(description.contains("\n") || description.contains("\r"),
                "description() must be one line: '" + description + "'");
    }

    /** The provider is a public class with a public no-argument constructor, as ServiceLoader needs. */
    @Test
    default void hasAPublicNoArgumentConstructor() {
        Class<?> type = provider().getClass();
        assertTrue(Modifier.isPublic(type.getModifiers()), type.getName() + " must be public");
        assertDoesNotThrow(() -> type.getConstructor().newInstance(), type.getName()
                + " needs a public no-argument constructor");
    }

    /**
     * {@link Plugins#find} returns the provider by its name (it is listed in
     * {@code META-INF/services/<provider interface>}) and by its class name.
     */
    @Test
    default void isRegisteredUnderItsName() {
        P provider = provider();
        Map<String, P> all = Plugins.all(kind());
        assertTrue(all.containsKey(provider.name()), "'" + provider.name() + "' is not registered: add the line "
                + provider.getClass().getName() + " to META-INF/services/" + kind().getName() + "; found " + all.keySet());
        assertSame(provider.getClass(), Plugins.find(kind(), provider.name()).getClass(),
                "Plugins.find(" + kind().getSimpleName() + ", '" + provider.name() + "')");
        assertSame(provider.getClass(), Plugins.find(kind(), provider.getClass().getName()).getClass(),
                "Plugins.find by class name");
    }

    /** With no settings at all, the defaults make a working object. */
    @Test
    default void createsWithDefaultSettings() {
        String name = provider().name();
        assertDoesNotThrow(() -> createWithSettings(PluginSettings.empty("plugin '" + name + "'")),
                "'" + name + "' must work with no settings");
    }

    /** An unknown setting is rejected with an {@link InvalidInputException} that names it. */
    @Test
    default void rejectsUnknownSettings() {
        String name = provider().name();
        PluginSettings settings = PluginSettings.of("plugin '" + name + "'", Map.of("no-such-setting", 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> createWithSettings(settings),
                "'" + name + "' accepted the unknown setting 'no-such-setting'");
        assertTrue(e.getMessage().contains("no-such-setting"),
                "the error must name the unknown setting: " + e.getMessage());
    }

    /** The name has no surrounding spaces and the provider's name does not change between instances. */
    @Test
    default void nameIsStable() {
        assertEquals(provider().name(), provider().name(), "two instances report different names");
        assertEquals(provider().name().strip(), provider().name());
    }
}
