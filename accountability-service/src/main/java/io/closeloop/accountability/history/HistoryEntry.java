package io.closeloop.accountability.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Who did what to an accountability, and when. Rows are only ever added; the database refuses updates. */
@Entity
@Table(name = "accountability_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "accountability_id", updatable = false)
    public UUID accountabilityId;
    @Column(updatable = false)
    public Instant at;
    @Column(updatable = false)
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public HistoryAction action;
    /** The owner after this step. */
    @Column(updatable = false)
    public String owner;
    @Column(updatable = false)
    public String detail;

    public static void append(UUID accountabilityId, Instant at, String actor, HistoryAction action, String owner,
            String detail) {
        HistoryEntry entry = new HistoryEntry();
        entry.accountabilityId = accountabilityId;
        entry.at = at;
        entry.actor = actor;
        entry.action = action;
        entry.owner = owner;
        entry.detail = detail;
        entry.persist();
    }
}
