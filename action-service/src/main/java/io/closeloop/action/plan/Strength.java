package io.closeloop.action.plan;

/** The RCA2 action hierarchy: how far an action removes reliance on people remembering to do the right thing. */
public enum Strength {
    STRONG, INTERMEDIATE, WEAK
}
