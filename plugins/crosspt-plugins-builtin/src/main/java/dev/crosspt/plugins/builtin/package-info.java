/**
 * The plugins that ship with crosspt, each an implementation of a crosspt-api SPI plus a provider found by
 * {@link java.util.ServiceLoader} under a short name: source selectors in {@code select}, prompt composers in
 * {@code compose} and learning-rate schedules in {@code schedule}.
 *
 * <p>They use nothing but crosspt-api (and DJL's api through it), so they are written exactly as a third-party
 * plugin would be.
 */
package dev.crosspt.plugins.builtin;
