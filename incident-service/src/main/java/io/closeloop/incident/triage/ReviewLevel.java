package io.closeloop.incident.triage;

/** How deep the review goes: a concise review for low harm, a full review from moderate harm up. */
public enum ReviewLevel {
    CONCISE, FULL
}
