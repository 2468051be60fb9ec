package io.closeloop.contracts;

import io.closeloop.contracts.events.AccountabilityAssigned;
import io.closeloop.contracts.events.AccountabilityEscalated;
import io.closeloop.contracts.events.ActionsEmbedded;
import io.closeloop.contracts.events.ClosureChallenged;
import io.closeloop.contracts.events.ControlLapsed;
import io.closeloop.contracts.events.ControlPublished;
import io.closeloop.contracts.events.IncidentClosed;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.contracts.events.IncidentReviewed;
import io.closeloop.contracts.events.VerificationFailed;
import java.util.Arrays;

/** Every event on the pipeline: its CloudEvents type, its Java type and its JSON Schema. */
public enum EventType {
    INCIDENT_REPORTED("io.closeloop.incident.reported.v1", IncidentReported.class, "incident-reported.v1.json"),
    INCIDENT_REVIEWED("io.closeloop.incident.reviewed.v1", IncidentReviewed.class, "incident-reviewed.v1.json"),
    ACCOUNTABILITY_ASSIGNED("io.closeloop.accountability.assigned.v1", AccountabilityAssigned.class,
            "accountability-assigned.v1.json"),
    ACTIONS_EMBEDDED("io.closeloop.actions.embedded.v1", ActionsEmbedded.class, "actions-embedded.v1.json"),
    VERIFICATION_FAILED("io.closeloop.verification.failed.v1", VerificationFailed.class,
            "verification-failed.v1.json"),
    INCIDENT_CLOSED("io.closeloop.incident.closed.v1", IncidentClosed.class, "incident-closed.v1.json"),
    ACCOUNTABILITY_ESCALATED("io.closeloop.accountability.escalated.v1", AccountabilityEscalated.class,
            "accountability-escalated.v1.json"),
    CONTROL_PUBLISHED("io.closeloop.control.published.v1", ControlPublished.class, "control-published.v1.json"),
    CONTROL_LAPSED("io.closeloop.control.lapsed.v1", ControlLapsed.class, "control-lapsed.v1.json"),
    CLOSURE_CHALLENGED("io.closeloop.closure.challenged.v1", ClosureChallenged.class,
            "closure-challenged.v1.json");

    private final String type;
    private final Class<?> javaType;
    private final String schemaFile;

    EventType(String type, Class<?> javaType, String schemaFile) {
        this.type = type;
        this.javaType = javaType;
        this.schemaFile = schemaFile;
    }

    /** The value of the {@code ce_type} attribute. */
    public String type() {
        return type;
    }

    public Class<?> javaType() {
        return javaType;
    }

    /** Classpath location of the JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + schemaFile;
    }

    public static EventType of(Class<?> javaType) {
        return Arrays.stream(values()).filter(t -> t.javaType.equals(javaType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an event type: " + javaType.getName()));
    }
}
