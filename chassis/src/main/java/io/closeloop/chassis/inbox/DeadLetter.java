package io.closeloop.chassis.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A record a consumer could not use, with the reason; its copy went to {@code <topic>.dlq}. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String consumer;
    public String topic;
    @Column(name = "partition_no")
    public int partition;
    @Column(name = "record_offset")
    public long offset;
    @Column(name = "record_key")
    public String key;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "reason_code")
    public String reasonCode;
    public String reason;
    public byte[] payload;
    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;
}
