package io.closeloop.verification.history;

import io.closeloop.verification.Verification;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The append-only record of what happened to each verification, by whom and when. */
@ApplicationScoped
public class History {

    /** The actor of steps the service takes on an event rather than on a person's request. */
    public static final String SYSTEM = "verification-service";

    private final Clock clock;

    History(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Verification verification, String actor, String kind, String detail) {
        HistoryEntry entry = new HistoryEntry();
        entry.verificationId = verification.id;
        entry.incidentId = verification.incidentId;
        entry.site = verification.site;
        entry.at = clock.instant();
        entry.actor = actor;
        entry.kind = kind;
        entry.detail = detail;
        entry.persist();
    }

    public List<HistoryEntry> ofVerification(UUID verificationId) {
        return HistoryEntry.list("verificationId", Sort.ascending("id"), verificationId);
    }

    public List<HistoryEntry> ofIncident(UUID incidentId) {
        return HistoryEntry.list("incidentId", Sort.ascending("id"), incidentId);
    }
}
