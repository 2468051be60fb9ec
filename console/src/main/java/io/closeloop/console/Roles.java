package io.closeloop.console;

/** The realm roles, as the services name them. */
public final class Roles {
    public static final String REPORTER = "site-reporter";
    public static final String REVIEWER = "reviewer";
    public static final String LEADER = "leader";
    public static final String SENIOR_LEADER = "senior-leader";
    public static final String VERIFIER = "verifier";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
