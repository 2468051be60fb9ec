package io.closeloop.verification.surveillance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A repeat incident linked to a closed one: within the window it challenges the closure. */
@Entity
@Table(name = "closure_challenge")
public class Challenge extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "verification_id")
    public UUID verificationId;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String site;
    @Column(name = "repeat_incident_id")
    public UUID repeatIncidentId;
    public String reason;
    @Column(name = "challenged_at")
    public Instant challengedAt;
    @Column(name = "within_window")
    public boolean withinWindow;
    @Column(name = "new_verification_id")
    public UUID newVerificationId;
}
