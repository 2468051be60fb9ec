package io.closeloop.incident.intake;

import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.incident.stage.Stage;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Incident queries, always within the caller's site scope. */
@ApplicationScoped
public class Incidents {

    /** Out-of-scope incidents answer 404 like missing ones, so ids of other sites cannot be probed. */
    public Incident visible(UUID id, SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        return Incident.<Incident>find("id = :id and " + scope.condition("site"), params).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    public Page<Incident> list(SiteScope scope, String site, Stage stage, int index, int size) {
        StringBuilder query = new StringBuilder(scope.condition("site"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (site != null) {
            query.append(" and site = :site");
            params.put("site", site);
        }
        if (stage != null) {
            query.append(" and stage = :stage");
            params.put("stage", stage);
        }
        var found = Incident.<Incident>find(query.toString(), Sort.descending("occurredAt").and("id"), params)
                .page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }
}
