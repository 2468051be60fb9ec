package io.closeloop.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One re-sampled case, observation or data record, under a pseudonymous reference. */
@Entity
@Table(name = "check_result")
public class CheckResult extends PanacheEntityBase {

    @Id
    public UUID id;
    public String reference;
    public boolean passed;
    public String notes;
    @Column(name = "evidence_source")
    public String evidenceSource;
    @Column(name = "evidence_locator")
    public String evidenceLocator;
    @Column(name = "evidence_captured_on")
    public LocalDate evidenceCapturedOn;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
