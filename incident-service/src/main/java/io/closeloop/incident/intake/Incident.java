package io.closeloop.incident.intake;

import io.closeloop.contracts.HarmLevel;
import io.closeloop.contracts.IncidentCategory;
import io.closeloop.contracts.events.IncidentReported;
import io.closeloop.incident.stage.Stage;
import io.closeloop.incident.triage.ReviewLevel;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;
    public String site;
    @Column(name = "site_reference")
    public String siteReference;
    public long version;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "reported_at")
    public Instant reportedAt;
    @Enumerated(EnumType.STRING)
    public IncidentCategory category;
    @Enumerated(EnumType.STRING)
    @Column(name = "harm_level")
    public HarmLevel harmLevel;
    public String location;
    public String description;
    @Column(name = "immediate_actions")
    public String immediateActions;
    @Enumerated(EnumType.STRING)
    public Stage stage;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Pseudonymous ids, comma-separated; never names. */
    @Column(name = "people_affected")
    public String peopleAffected;
    @Column(name = "reported_by")
    public String reportedBy;
    @Enumerated(EnumType.STRING)
    @Column(name = "review_level")
    public ReviewLevel reviewLevel;
    @Column(name = "review_due_on")
    public LocalDate reviewDueOn;
    @Column(name = "is_repeat")
    public boolean isRepeat;
    /** Set when verification closed the incident; a later repeat challenges that closure. */
    @Column(name = "verified_closed_at")
    public Instant verifiedClosedAt;

    /** The same site and reference always give the same id, so a replayed report cannot create a second incident. */
    public static UUID idOf(String site, String siteReference) {
        return UUID.nameUUIDFromBytes((site + "/" + siteReference).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Inserts new incidents with one statement, in the order given (an intake batch): Hibernate's JDBC batches sent
     * one multi-row statement per 100 incidents. The incidents stay unmanaged; nothing later in the batch changes them.
     */
    static void insertAll(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into incident (id, site, site_reference, version, occurred_at, reported_at, category,
                      harm_level, location, description, immediate_actions, stage, received_at, updated_at,
                      people_affected, reported_by, review_level, review_due_on, is_repeat, verified_closed_at)
                    select * from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[],
                      ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                      ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::date[], ?::boolean[],
                      ?::timestamptz[])""")) {
                List<Function<Incident, Object>> columns = List.of(i -> i.id, i -> i.site, i -> i.siteReference,
                        i -> i.version, i -> i.occurredAt, i -> i.reportedAt, i -> i.category, i -> i.harmLevel,
                        i -> i.location, i -> i.description, i -> i.immediateActions, i -> i.stage, i -> i.receivedAt,
                        i -> i.updatedAt, i -> i.peopleAffected, i -> i.reportedBy, i -> i.reviewLevel,
                        i -> i.reviewDueOn, i -> i.isRepeat, i -> i.verifiedClosedAt);
                for (int c = 0; c < columns.size(); c++) {
                    Function<Incident, Object> column = columns.get(c);
                    insert.setArray(c + 1, connection.createArrayOf("text", incidents.stream().map(column)
                            .map(value -> value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString())
                            .toArray()));
                }
                insert.executeUpdate();
            }
        });
    }

    void apply(IncidentReported report, long version) {
        this.site = report.site();
        this.siteReference = report.siteReference();
        this.version = version;
        this.occurredAt = report.occurredAt();
        this.reportedAt = report.reportedAt() != null ? report.reportedAt() : report.occurredAt();
        this.category = report.category();
        this.harmLevel = report.harmLevel();
        this.location = report.location();
        this.description = report.description();
        this.immediateActions = report.immediateActions();
        this.peopleAffected = report.peopleAffected() == null ? null : String.join(",", report.peopleAffected());
    }

    /** Whether {@code report} says what this incident holds (timestamps as stored: to the microsecond). */
    boolean sameContentAs(IncidentReported report) {
        Incident other = new Incident();
        other.apply(report, version);
        return micros(occurredAt).equals(micros(other.occurredAt)) && micros(reportedAt).equals(micros(other.reportedAt))
                && category == other.category && harmLevel == other.harmLevel
                && Objects.equals(location, other.location) && Objects.equals(description, other.description)
                && Objects.equals(immediateActions, other.immediateActions)
                && Objects.equals(peopleAffected, other.peopleAffected);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public List<String> peopleAffectedList() {
        return peopleAffected == null || peopleAffected.isEmpty() ? List.of() : List.of(peopleAffected.split(","));
    }
}
