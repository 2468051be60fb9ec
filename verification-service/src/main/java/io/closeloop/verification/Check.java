package io.closeloop.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "verification_check")
public class Check extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "control_failure_id")
    public UUID controlFailureId;
    @Enumerated(EnumType.STRING)
    public CheckMethod method;
    public String criterion;
    @Column(name = "pass_threshold")
    public double passThreshold;
    public int passed;
    public int failed;
    @Column(name = "lower_bound")
    public double lowerBound;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String verifier;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
