package io.closeloop.chassis.inbox;

import io.closeloop.chassis.events.InboundEvent;
import java.util.List;

/**
 * Applies a batch of events, in order, inside the one transaction that records them all in the inbox. When one event
 * breaks a business rule, throw {@link RejectedInBatch} naming its position: the batch is rolled back, that event is
 * dead-lettered and the others are applied without it.
 */
@FunctionalInterface
public interface BatchHandler<T> {

    void handle(List<InboundEvent<T>> events);
}
