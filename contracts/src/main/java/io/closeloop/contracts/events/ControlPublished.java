package io.closeloop.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The current version of one control in the register, on the compacted topic {@code controls.v1} keyed by control
 * id: the latest record per key is the control as it stands.
 */
public record ControlPublished(
        String controlId,
        int version,
        String name,
        String type,
        List<String> sites,
        String monitoringOwner,
        String frequency,
        Indicator indicator,
        String status,
        Instant publishedAt) {

    /** What the control measures: a value past the threshold in the bad direction raises an escalation. */
    public record Indicator(String name, String unit, double threshold, String goodDirection) {
    }
}
