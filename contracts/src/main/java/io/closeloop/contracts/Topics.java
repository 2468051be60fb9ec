package io.closeloop.contracts;

import java.util.regex.Pattern;

/** Kafka topic names. A breaking change to an event is a new versioned topic, run side by side. */
public final class Topics {

    /** Each site publishes to its own topic; the suffix is the site code. */
    public static final String INCIDENTS_REPORTED_PREFIX = "incidents.reported.v1.";
    public static final String INCIDENTS_REPORTED_PATTERN = "incidents\\.reported\\.v1\\.[a-z0-9-]+";
    public static final String INCIDENTS_REVIEWED = "incidents.reviewed.v1";
    public static final String ACCOUNTABILITY_ASSIGNED = "accountability.assigned.v1";
    public static final String ACTIONS_EMBEDDED = "actions.embedded.v1";
    public static final String VERIFICATION_FAILED = "verification.failed.v1";
    public static final String INCIDENTS_CLOSED = "incidents.closed.v1";
    public static final String ACCOUNTABILITY_ESCALATED = "accountability.escalated.v1";
    /** Compacted, keyed by control id: the control register as it stands. */
    public static final String CONTROLS = "controls.v1";
    public static final String CONTROL_LAPSED = "control.lapsed.v1";
    public static final String CLOSURE_CHALLENGED = "closure.challenged.v1";

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private static final Pattern SITE_CODE = Pattern.compile("[a-z0-9-]+");

    private Topics() {
    }

    public static String reportedBy(String site) {
        if (site == null || !SITE_CODE.matcher(site).matches()) {
            throw new IllegalArgumentException("A site code is lower-case letters, digits and dashes: " + site);
        }
        return INCIDENTS_REPORTED_PREFIX + site;
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
