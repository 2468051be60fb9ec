package io.closeloop.action.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A leader's monthly performance review as its senior leader signed it off, content included. */
@Entity
@Table(name = "performance_review")
public class PerformanceReview extends PanacheEntityBase {

    @Id
    public UUID id;
    public String leader;
    public String month;
    @Column(name = "signed_off_by")
    public String signedOffBy;
    @Column(name = "signed_off_at")
    public Instant signedOffAt;
    public String comment;
    public String content;
}
