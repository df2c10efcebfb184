package dev.crosspt.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.crosspt.api.NDScopes;
import dev.crosspt.api.route.Router;
import dev.crosspt.api.route.RouterInput;
import dev.crosspt.api.route.RouterShape;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link RouterContract} passes a correct router and fails routers that break it. */
class RouterContractCatchesViolationsTest {

    /** A table of logits per task, computed as {@code logits} says from a view of the table. */
    private static RouterContract contract(BiFunction<NDArray, RouterInput, NDArray> logits) {
        return () -> new Router() {
            private NDArray table;

            @Override
            public void initialize(NDManager parameters, RouterShape shape) {
                table = parameters.randomNormal(new Shape(shape.tasks(), shape.candidates()));
                table.setRequiresGradient(true);
            }

            @Override
            public Map<String, NDArray> parameters() {
                return Map.of("table", table);
            }

            @Override
            public NDArray logits(RouterInput input) {
                return logits.apply(table, input);
            }
        };
    }

    @Test
    void aCorrectRouterPassesTheContract() {
        RouterContract contract = contract((table, input) -> {
            NDArray view = NDScopes.view(table, input.scope());
            return view.mul(NDScopes.scalar(view, 2)).add(input.candidateKeys().sum(new int[] {2}));
        });
        contract.logitsShapeWithPrivates();
        contract.logitsShapeWithSourcesOnly();
        contract.logitsAreDeterministic();
        contract.gradientsReachEveryParameter();
        contract.logitsLeaveNothingInTheParametersManager();
        contract.perExampleRowsFollowTheirExamples();
    }

    @Test
    void initialParametersNotFromTheSeedFail() {
        // randomNormal draws from the engine's generator, not from RouterShape.seed()
        assertThrows(AssertionFailedError.class,
                contract((table, input) -> NDScopes.view(table, input.scope()))::initialParametersComeFromTheSeed);
    }

    @Test
    void temporariesInTheParametersManagerFail() {
        assertThrows(AssertionFailedError.class,
                contract((table, input) -> table.add(1f))::logitsLeaveNothingInTheParametersManager);
    }

    @Test
    void aScalarMadeInTheParametersManagerFails() {
        // NDScopes.scalar(like, x) lives in like's manager: made from the parameter, it stays there every step
        assertThrows(AssertionFailedError.class, contract((table, input) -> NDScopes.view(table, input.scope())
                .mul(NDScopes.scalar(table, 2)))::logitsLeaveNothingInTheParametersManager);
    }

    @Test
    void logitsCutOffFromTheParametersFail() {
        assertThrows(AssertionFailedError.class,
                contract((table, input) -> NDScopes.view(table, input.scope()).stopGradient())::gradientsReachEveryParameter);
    }
}
