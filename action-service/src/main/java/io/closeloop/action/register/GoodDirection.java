package io.closeloop.action.register;

/** Which way an indicator should move; a value past the threshold the other way is a breach. */
public enum GoodDirection {
    UP, DOWN;

    public boolean breached(double value, double threshold) {
        return this == UP ? value < threshold : value > threshold;
    }
}
