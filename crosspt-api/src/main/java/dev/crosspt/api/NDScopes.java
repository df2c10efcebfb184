package dev.crosspt.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Two habits every plugin that computes on NDArrays needs, because of how DJL manages native memory.
 *
 * <p><b>Results belong to the receiver's manager.</b> Computing directly on a long-lived parameter leaves every
 * temporary in the parameter's manager, growing it by a few arrays per step. {@link #view} gives a view of the
 * parameter owned by the step's scope: it shares the parameter's storage (in-place updates and gradients reach
 * the parameter), and everything computed from it is freed with the scope.
 *
 * <p><b>Never use DJL's scalar overloads ({@code x.mul(0.5f)}, {@code x.div(tau)}, {@code x.pow(3)}) on
 * anything a gradient flows through.</b> DJL's PyTorch engine turns the number into a temporary tensor backed
 * by a Java direct buffer and closes it right after the operation; autograd keeps that tensor for the backward
 * pass, and a garbage collection between forward and backward frees the buffer under it, so the gradients are
 * silently wrong (measured here: a reference prompt gradient off by 1e10 after one {@code System.gc()}). Use
 * {@link #scalar} instead, which keeps the number alive in the scope until the step ends. Additions and
 * subtractions of a number are safe: their backward pass does not read the operand.
 */
public final class NDScopes {

    private NDScopes() {}

    /**
     * A view of {@code array} owned by {@code scope}.
     *
     * @param array a long-lived array, such as a parameter
     * @param scope the step's manager
     */
    public static NDArray view(NDArray array, NDManager scope) {
        NDArray view = array.reshape(array.getShape());
        view.attach(scope);
        return view;
    }

    /**
     * A 0-dimensional array holding {@code value} in the type and manager of {@code like}, for arithmetic that
     * autograd may record: {@code x.mul(NDScopes.scalar(x, 0.5f))} rather than {@code x.mul(0.5f)}.
     */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().create((float) value).toType(like.getDataType(), false);
    }
}
