package io.closeloop.chassis.security;

import java.util.HashMap;
import java.util.Map;

/**
 * A JPQL condition that always starts with the caller's site scope, with its named parameters. Optional filters add
 * themselves only when they have a value, so a list endpoint reads as the filters it offers.
 */
public final class ScopedQuery {

    private final StringBuilder where;
    private final Map<String, Object> parameters;

    private ScopedQuery(SiteScope scope, String siteField) {
        this.where = new StringBuilder(scope.condition(siteField));
        this.parameters = new HashMap<>(scope.parameters());
    }

    /** Scoped on the entity's {@code site} field. */
    public static ScopedQuery within(SiteScope scope) {
        return within(scope, "site");
    }

    public static ScopedQuery within(SiteScope scope, String siteField) {
        return new ScopedQuery(scope, siteField);
    }

    /** {@code field = :field}, when {@code value} is set. */
    public ScopedQuery equal(String field, Object value) {
        return and(field + " = :" + field.replace('.', '_'), field.replace('.', '_'), value);
    }

    /** A condition using one named parameter, when {@code value} is set. */
    public ScopedQuery and(String condition, String parameter, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            parameters.put(parameter, value);
        }
        return this;
    }

    /** A condition without parameters, or whose parameters were bound with {@link #bind}. */
    public ScopedQuery and(String condition) {
        where.append(" and ").append(condition);
        return this;
    }

    public ScopedQuery bind(String parameter, Object value) {
        parameters.put(parameter, value);
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}
