package io.closeloop.chassis.inbox;

import io.closeloop.chassis.events.InboundEvent;

/** Applies one event; runs inside the transaction that records the event in the inbox. */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(InboundEvent<T> event);
}
