package io.closeloop.contracts;

/** Realm roles of the {@code closeloop} Keycloak realm: what the services and the console authorize by. */
public final class Roles {

    public static final String SITE_REPORTER = "site-reporter";
    public static final String REVIEWER = "reviewer";
    public static final String LEADER = "leader";
    public static final String SENIOR_LEADER = "senior-leader";
    public static final String VERIFIER = "verifier";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
