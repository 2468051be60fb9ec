package io.closeloop.incident;

import io.smallrye.config.ConfigMapping;
import java.util.Set;

@ConfigMapping(prefix = "closeloop.incident")
public interface IncidentConfig {

    /** Site codes allowed to report; a report from any other site is rejected. */
    Set<String> sites();
}
