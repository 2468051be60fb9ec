package io.closeloop.console;

import io.closeloop.contracts.Roles;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user as every page sees it ({@code inject:me}): name, sites and what their roles let them do. */
@TemplateData
@Named("me")
@RequestScoped
public class Me {

    private final SecurityIdentity identity;

    Me(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String username() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("preferred_username") != null) {
            return token.getClaim("preferred_username").toString();
        }
        return identity.getPrincipal().getName();
    }

    public List<String> sites() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("sites") != null) {
            Object sites = token.getClaim("sites");
            if (sites instanceof jakarta.json.JsonArray array) {
                return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                        .toList();
            }
            return List.of(sites.toString().replace("\"", ""));
        }
        return List.of();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean isReporter() {
        return identity.hasRole(Roles.SITE_REPORTER);
    }

    public boolean isReviewer() {
        return identity.hasRole(Roles.REVIEWER);
    }

    public boolean isLeader() {
        return identity.hasRole(Roles.LEADER);
    }

    public boolean isSenior() {
        return identity.hasRole(Roles.SENIOR_LEADER);
    }

    public boolean isVerifier() {
        return identity.hasRole(Roles.VERIFIER);
    }

    public boolean isAuditor() {
        return identity.hasRole(Roles.AUDITOR);
    }

    /** Reads the board figures: senior leaders and auditors. */
    public boolean seesBoard() {
        return isSenior() || isAuditor();
    }

    /** The role shown beside the name. */
    public String role() {
        if (isSenior()) {
            return "Senior leader";
        }
        if (isAuditor()) {
            return "Auditor";
        }
        if (isVerifier()) {
            return "Verifier";
        }
        if (isLeader()) {
            return "Leader";
        }
        if (isReviewer()) {
            return "Reviewer";
        }
        return isReporter() ? "Site reporter" : "";
    }
}
