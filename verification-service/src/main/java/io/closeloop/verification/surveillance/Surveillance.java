package io.closeloop.verification.surveillance;

import io.closeloop.chassis.inbox.RejectedEvent;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.events.ClosureChallenged;
import io.closeloop.verification.Verification;
import io.closeloop.verification.VerificationConfig;
import io.closeloop.verification.VerificationStatus;
import io.closeloop.verification.Verifications;
import io.closeloop.verification.history.History;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** After closure: repeats linked to a closed incident, challenged closures and the counts that show them. */
@ApplicationScoped
public class Surveillance {

    private final Verifications verifications;
    private final History history;
    private final VerificationConfig config;
    private final EntityManager entityManager;

    Surveillance(Verifications verifications, History history, VerificationConfig config,
            EntityManager entityManager) {
        this.verifications = verifications;
        this.history = history;
        this.config = config;
        this.entityManager = entityManager;
    }

    public record SiteCounts(String site, long closedIncidents, long challengedClosures, long repeatsWithinWindow,
            long repeatsAfterWindow) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void challenge(ClosureChallenged event) {
        Verification closed = Verification.<Verification>find("incidentId = ?1 and status = ?2",
                Sort.descending("decidedAt"), event.closedIncidentId(), VerificationStatus.CLOSED).firstResult();
        if (closed == null) {
            throw new RejectedEvent("Incident " + event.closedIncidentId() + " has no closed verification to challenge");
        }
        Challenge challenge = new Challenge();
        challenge.id = UUID.randomUUID();
        challenge.verificationId = closed.id;
        challenge.incidentId = closed.incidentId;
        challenge.site = closed.site;
        challenge.repeatIncidentId = event.repeatIncidentId();
        challenge.reason = event.reason();
        challenge.challengedAt = event.challengedAt();
        challenge.withinWindow = SurveillanceRules.withinWindow(closed.decidedAt, event.challengedAt(),
                config.challengeWindow());
        if (challenge.withinWindow) {
            if (closed.challengedAt == null) {
                closed.challengedAt = event.challengedAt();
            }
            history.record(closed, History.SYSTEM, "CLOSURE_CHALLENGED", "Repeat incident " + event.repeatIncidentId()
                    + " within " + config.challengeWindow() + " of closure: " + event.reason());
            Verification open = Verification.<Verification>find("incidentId = ?1 and status = ?2",
                    closed.incidentId, VerificationStatus.OPEN).firstResult();
            challenge.newVerificationId = (open != null ? open
                    : verifications.reopenAfterChallenge(closed, event.repeatIncidentId())).id;
        } else {
            history.record(closed, History.SYSTEM, "REPEAT_AFTER_WINDOW", "Repeat incident "
                    + event.repeatIncidentId() + " more than " + config.challengeWindow()
                    + " after closure: counted, the closure stands. " + event.reason());
        }
        challenge.persist();
    }

    /** Repeat-after-closure counts per site, for the sites the caller sees. */
    public List<SiteCounts> counts(SiteScope scope) {
        Map<String, long[]> bySite = new TreeMap<>();
        add(bySite, 0, "select v.site, count(distinct v.incidentId) from Verification v where v.status = "
                + "io.closeloop.verification.VerificationStatus.CLOSED and " + scope.condition("v.site")
                + " group by v.site", scope);
        add(bySite, 1, "select v.site, count(v) from Verification v where v.challengedAt is not null and "
                + scope.condition("v.site") + " group by v.site", scope);
        add(bySite, 2, "select c.site, count(c) from Challenge c where c.withinWindow = true and "
                + scope.condition("c.site") + " group by c.site", scope);
        add(bySite, 3, "select c.site, count(c) from Challenge c where c.withinWindow = false and "
                + scope.condition("c.site") + " group by c.site", scope);
        return bySite.entrySet().stream()
                .map(e -> new SiteCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        e.getValue()[3]))
                .toList();
    }

    public List<Challenge> ofIncident(UUID incidentId) {
        return Challenge.list("incidentId", Sort.ascending("challengedAt"), incidentId);
    }

    private void add(Map<String, long[]> bySite, int column, String jpql, SiteScope scope) {
        var query = entityManager.createQuery(jpql, Object[].class);
        scope.parameters().forEach(query::setParameter);
        for (Object[] row : query.getResultList()) {
            bySite.computeIfAbsent((String) row[0], s -> new long[4])[column] = (Long) row[1];
        }
    }
}
