package io.closeloop.chassis.security;

import io.closeloop.contracts.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, and which sites they may see. Queries take {@link #siteScope()}, never a client's word. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String username() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("preferred_username") != null) {
            return token.getClaim("preferred_username");
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Senior leaders and auditors oversee every site. */
    public boolean seesAllSites() {
        return identity.hasRole(Roles.SENIOR_LEADER) || identity.hasRole(Roles.AUDITOR);
    }

    /** The sites named in the caller's token. */
    public Set<String> sites() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Set.of();
        }
        Object claim = token.getClaim("sites");
        if (claim instanceof JsonArray array) {
            return array.stream().map(v -> ((JsonString) v).getString()).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof JsonString single) {
            return Set.of(single.getString());
        }
        return claim == null ? Set.of() : Set.of(String.valueOf(claim));
    }

    public SiteScope siteScope() {
        return seesAllSites() ? SiteScope.ALL : SiteScope.of(sites());
    }
}
