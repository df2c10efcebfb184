/**
 * Contract tests for the crosspt-api SPIs, for any implementation to run.
 *
 * <p>Each contract is an interface whose default methods are JUnit 5 tests. A plugin's test class implements
 * the contracts that apply to it (a class may implement several, for instance {@link
 * dev.crosspt.testkit.SourceSelectorContract} and {@link dev.crosspt.testkit.PluginProviderContract}) and
 * supplies the object under test; JUnit runs the inherited tests as if they were written in that class. Add
 * behaviour tests of your own beside them.
 *
 * <p>Add this artifact with {@code <scope>test</scope>}: it brings JUnit 5 and DJL's PyTorch engine (CPU
 * build) with it. Run the tests with {@code -Dai.djl.offline=true} so that the engine never goes to the network.
 *
 * <p>Two helpers serve crosspt's own tests rather than plugins: {@link dev.crosspt.testkit.RepositoryTestData}
 * (the repository's test data) and {@link dev.crosspt.testkit.LoopbackServer} (a local HTTP server for download
 * tests).
 */
package dev.crosspt.testkit;
