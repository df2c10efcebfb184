/**
 * An example third-party crosspt plugin: the {@code sparsemax} source selector, written against crosspt-api only
 * and registered in {@code META-INF/services/dev.crosspt.api.select.SourceSelectorProvider}. See the module's
 * README for how to write one of your own.
 */
package com.example.crosspt;
