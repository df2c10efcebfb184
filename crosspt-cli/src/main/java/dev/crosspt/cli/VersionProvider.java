package dev.crosspt.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports crosspt's version from the jar manifest, and the Java runtime it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "crosspt " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch")
        };
    }
}
