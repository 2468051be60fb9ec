package io.closeloop.chassis.events;

import java.time.Instant;

/** A decoded, schema-valid event with its CloudEvents attributes. */
public record InboundEvent<T>(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String topic,
        T data) {
}
