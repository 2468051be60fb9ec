package io.closeloop.verification;

/** Why a verification cycle opened: stage 3 embedded its actions, or a repeat incident challenged a closure. */
public enum OpenedBecause {
    EMBEDDED, CHALLENGED
}
