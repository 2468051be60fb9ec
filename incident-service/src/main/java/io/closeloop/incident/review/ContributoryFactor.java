package io.closeloop.incident.review;

/** Frontline contributory factors, after the NHS contributory factors framework. */
public enum ContributoryFactor {
    TASK, INDIVIDUAL, TEAM, ENVIRONMENT, ORGANISATIONAL, PATIENT
}
