package io.closeloop.action.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What happened to an approved action: the register change it made, escalations, lapses and recoveries. */
@Entity
@Table(name = "action_history")
public class ActionHistory extends PanacheEntityBase {

    /** Who the sweep records as the author of what it finds. */
    public static final String SYSTEM = "action-service";

    @Id
    public UUID id;
    /** Written by the database: the order entries were recorded in, even within one instant. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "plan_id")
    public UUID planId;
    @Column(name = "action_id")
    public UUID actionId;
    public int cycle;
    @Enumerated(EnumType.STRING)
    public HistoryKind what;
    @Column(name = "iso_week")
    public String isoWeek;
    public String detail;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static void append(CorrectiveAction action, HistoryKind what, String isoWeek, String detail, String by,
            Instant at) {
        ActionHistory entry = new ActionHistory();
        entry.id = UUID.randomUUID();
        entry.planId = action.planId;
        entry.actionId = action.id;
        entry.cycle = action.cycle;
        entry.what = what;
        entry.isoWeek = isoWeek;
        entry.detail = detail.length() > 4000 ? detail.substring(0, 4000) : detail;
        entry.recordedBy = by;
        entry.recordedAt = at;
        entry.persist();
    }
}
