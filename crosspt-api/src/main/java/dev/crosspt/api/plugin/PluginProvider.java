package dev.crosspt.api.plugin;

/**
 * What every plugin provider has: a short, stable name that experiments refer to, and a one-line description
 * for {@code ./crosspt plugins}.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: an implementation is a public class with a
 * public no-argument constructor, listed on one line of
 * {@code META-INF/services/<the provider interface's fully-qualified name>}. The provider itself is cheap to
 * build; the heavy object is made by its {@code create} or {@code load} method.
 */
public interface PluginProvider {

    /** The short name experiments use, such as {@code softmax}: lower case, digits and dashes. */
    String name();

    /** One line saying what the plugin does, for listings. */
    String description();
}
