package dev.crosspt.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.compose.PromptComposer;
import dev.crosspt.api.plugin.PluginSettings;
import dev.crosspt.api.select.SelectionContext;
import dev.crosspt.api.select.SourceSelector;
import dev.crosspt.api.select.SourceSelectorProvider;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The contracts are only worth running if they fail for implementations that break them: each test here hands a
 * contract a deliberately broken implementation and expects the matching contract test to fail.
 */
class ContractsCatchViolationsTest {

    /** A correct selector passes: the contract is not failing everything. */
    @Test
    void aCorrectSelectorPassesTheWholeContract() {
        SourceSelectorContract contract = selectorContract(SoftmaxForTests::new);
        contract.rowsAreDistributionsInTrainingAndEvaluation();
        contract.outputHasOneRowPerTaskAndOneColumnPerCandidate();
        contract.evaluationIsDeterministic();
        contract.trainingIsReproducibleUnderAFixedEngineSeed();
        contract.gradientsReachTheLogits();
        contract.gradientsReachNothingButTheLogitsAndTheSelectorsParameters();
        contract.parametersAreFiniteAfterInitialize();
        contract.resultsBelongToTheScopeAndNothingLeaks();
        contract.regularizerIsNullOrAFiniteScalar();
        contract.summaryCanBeBuilt();
    }

    @Test
    void rowsThatAreNotDistributionsFail() {
        SourceSelectorContract contract = selectorContract(() -> (logits, context) -> scoped(logits, context).exp());
        assertThrows(AssertionFailedError.class, contract::rowsAreDistributionsInTrainingAndEvaluation);
    }

    @Test
    void weightsCutOffFromTheLogitsFail() {
        SourceSelectorContract contract = selectorContract(
                () -> (logits, context) -> scoped(logits, context).stopGradient().softmax(1));
        assertThrows(AssertionFailedError.class, contract::gradientsReachTheLogits);
    }

    @Test
    void temporariesLeftInTheLogitsManagerFail() {
        SourceSelectorContract contract = selectorContract(() -> (logits, context) -> logits.softmax(1));
        assertThrows(AssertionFailedError.class, contract::resultsBelongToTheScopeAndNothingLeaks);
    }

    @Test
    void noisyEvaluationFails() {
        SourceSelectorContract contract = selectorContract(() -> (logits, context) -> scoped(logits, context)
                .add(context.scope().randomUniform(0f, 1f, logits.getShape())).softmax(1));
        assertThrows(AssertionFailedError.class, contract::evaluationIsDeterministic);
    }

    @Test
    void aComposerThatMixesTasksFails() {
        PromptComposerContract contract = () -> new PromptComposer() {
            @Override
            public NDArray compose(NDArray sources, NDArray privates, NDArray weights) {
                NDArray mixed = privates.sum(new int[] {0}, true).mul(weights.sum());
                return mixed.broadcast(privates.getShape());
            }

            @Override
            public int composedLength(int promptLength, int candidates) {
                return promptLength;
            }
        };
        assertThrows(AssertionFailedError.class, contract::tasksAreIndependent);
        assertThrows(AssertionFailedError.class, contract::gradientsReachEveryWeightedInput);
    }

    @Test
    void aNegativeScheduleFails() {
        LrScheduleContract contract = () -> (step, total) -> 1.0 - 2.0 * step / Math.max(1, total);
        assertThrows(AssertionFailedError.class, contract::multiplierIsFiniteAndNonNegativeAtEveryStep);
    }

    @Test
    void aRegisteredProviderPassesAndAnUnregisteredOneFails() {
        PluginProviderContract<SourceSelectorProvider> registered = providerContract(new SoftmaxForTests.Provider());
        registered.isRegisteredUnderItsName();
        registered.rejectsUnknownSettings();
        registered.createsWithDefaultSettings();
        registered.hasAPublicNoArgumentConstructor();

        PluginProviderContract<SourceSelectorProvider> unregistered = providerContract(new LaxProvider());
        assertThrows(AssertionFailedError.class, unregistered::isRegisteredUnderItsName);
        assertThrows(AssertionFailedError.class, unregistered::rejectsUnknownSettings);
        assertThrows(AssertionFailedError.class, unregistered::nameIsLowerCaseDigitsAndDashes);
        assertThrows(AssertionFailedError.class, unregistered::descriptionIsOneNonBlankLine);
    }

    /** Not registered, accepts any setting, badly named and described. */
    public static final class LaxProvider implements SourceSelectorProvider {

        @Override
        public String name() {
            return "Lax_Selector";
        }

        @Override
        public String description() {
            return "first line\nsecond line";
        }

        @Override
        public SourceSelector create(PluginSettings settings) {
            return new SoftmaxForTests();
        }
    }

    private static NDArray scoped(NDArray logits, SelectionContext context) {
        NDArray view = logits.reshape(new Shape(logits.getShape().getShape()));
        view.attach(context.scope());
        return view;
    }

    private static SourceSelectorContract selectorContract(Supplier<SourceSelector> selector) {
        return selector::get;
    }

    private static PluginProviderContract<SourceSelectorProvider> providerContract(SourceSelectorProvider provider) {
        return new PluginProviderContract<>() {
            @Override
            public SourceSelectorProvider provider() {
                return provider;
            }

            @Override
            public Class<SourceSelectorProvider> kind() {
                return SourceSelectorProvider.class;
            }

            @Override
            public void createWithSettings(PluginSettings settings) {
                provider.create(settings);
            }
        };
    }
}
