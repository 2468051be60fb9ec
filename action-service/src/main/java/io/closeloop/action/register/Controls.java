package io.closeloop.action.register;

import io.closeloop.chassis.directory.Directory;
import io.closeloop.chassis.outbox.Outbox;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.contracts.Roles;
import io.closeloop.chassis.security.SiteScope;
import io.closeloop.contracts.Topics;
import io.closeloop.contracts.events.ControlPublished;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The control register: every change is a new version, kept, and published on the compacted controls topic. */
@ApplicationScoped
public class Controls {

    private final Outbox outbox;
    private final Directory directory;
    private final Clock clock;

    Controls(Outbox outbox, Directory directory, Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.clock = clock;
    }

    public record Spec(String name, ControlType type, Set<String> sites, String monitoringOwner, Frequency frequency,
            String indicatorName, String indicatorUnit, double indicatorThreshold, GoodDirection goodDirection) {

        public static Spec of(Control c) {
            return new Spec(c.name, c.type, Set.copyOf(c.sites), c.monitoringOwner, c.frequency, c.indicatorName,
                    c.indicatorUnit, c.indicatorThreshold, c.goodDirection);
        }
    }

    @Transactional
    public Control create(String id, Spec spec, String by) {
        return create(id, spec, "Created", by, null);
    }

    /** A new control, version 1; {@code actionId} names the approved corrective action that made it, if one did. */
    @Transactional
    public Control create(String id, Spec spec, String reason, String by, UUID actionId) {
        if (Control.findById(id) != null) {
            throw RuleViolation.conflict("The register already has a control " + id);
        }
        checkOwner(spec);
        Control control = new Control();
        control.id = id;
        control.version = 0;
        apply(control, spec, ControlStatus.ACTIVE);
        // Set before the insert: the outbox write below flushes the new row before newVersion stamps it.
        control.changedAt = clock.instant();
        control.persist();
        return newVersion(control, reason, by, actionId);
    }

    /** A revised control (a new escalation threshold, a bigger sample) is a new version; the old one stays in history. */
    @Transactional
    public Control revise(String id, Spec spec, String reason, String by) {
        Control control = active(id);
        if (sameAs(control, spec)) {
            throw RuleViolation.unprocessable("The revision changes nothing in control " + id);
        }
        return revision(control, spec, reason, by, null);
    }

    /**
     * A revision made by an approved corrective action. It is a new version even when no field changes: the action
     * may change how the control is run (a bigger sample, a new step), which its reason records.
     */
    @Transactional
    public Control revise(String id, Spec spec, String reason, String by, UUID actionId) {
        return revision(active(id), spec, reason, by, actionId);
    }

    private Control active(String id) {
        Control control = locked(id);
        if (control.status == ControlStatus.RETIRED) {
            throw RuleViolation.conflict("Control " + id + " is retired");
        }
        return control;
    }

    private Control revision(Control control, Spec spec, String reason, String by, UUID actionId) {
        checkOwner(spec);
        apply(control, spec, ControlStatus.ACTIVE);
        return newVersion(control, reason, by, actionId);
    }

    @Transactional
    public Control retire(String id, String reason, String by) {
        return retire(id, reason, by, null);
    }

    @Transactional
    public Control retire(String id, String reason, String by, UUID actionId) {
        Control control = locked(id);
        if (control.status == ControlStatus.RETIRED) {
            throw RuleViolation.conflict("Control " + id + " is already retired");
        }
        control.status = ControlStatus.RETIRED;
        return newVersion(control, reason, by, actionId);
    }

    /** Publishes every control whose current version has not reached the topic yet, such as the seeded register. */
    @Transactional
    public int publishPending() {
        List<Control> pending = Control.<Control>find("publishedVersion is null or publishedVersion < version")
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        pending.forEach(this::publish);
        return pending.size();
    }

    public Optional<Control> find(String id) {
        return Control.findByIdOptional(id);
    }

    public Control visible(String id, SiteScope scope) {
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("id", id);
        return Control.<Control>find(inScope(scope) + " and c.id = :id", params).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No control " + id));
    }

    public List<ControlVersion> history(String id) {
        return ControlVersion.list("controlId", Sort.ascending("version"), id);
    }

    public Page<Control> list(SiteScope scope, String site, ControlType type, String owner, ControlStatus status,
            int index, int size) {
        StringBuilder query = new StringBuilder(inScope(scope));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (site != null) {
            query.append(" and :site member of c.sites");
            params.put("site", site);
        }
        if (type != null) {
            query.append(" and c.type = :type");
            params.put("type", type);
        }
        if (owner != null) {
            query.append(" and c.monitoringOwner = :owner");
            params.put("owner", owner);
        }
        if (status != null) {
            query.append(" and c.status = :status");
            params.put("status", status);
        }
        var found = Control.<Control>find(query.toString(), Sort.ascending("c.id"), params).page(index, size);
        return new Page<>(found.list(), index, size, found.count());
    }

    /** The active controls a leader monitors: their business-as-usual items in every weekly pack. */
    public List<Control> monitoredBy(String owner) {
        return Control.list("monitoringOwner = ?1 and status = ?2", Sort.ascending("id"), owner,
                ControlStatus.ACTIVE);
    }

    /** A control is visible to whoever sees any of its sites. */
    private static String inScope(SiteScope scope) {
        return "from Control c where exists (select 1 from Control scoped join scoped.sites s"
                + " where scoped.id = c.id and " + scope.condition("s") + ")";
    }

    /** The control, locked for a change in this transaction. */
    public Control lock(String id) {
        return locked(id);
    }

    private Control locked(String id) {
        Control control = Control.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (control == null) {
            throw new NotFoundException("No control " + id);
        }
        return control;
    }

    private Control newVersion(Control control, String reason, String by, UUID actionId) {
        control.version++;
        control.changedAt = clock.instant();
        ControlVersion version = new ControlVersion();
        version.id = UUID.randomUUID();
        version.controlId = control.id;
        version.version = control.version;
        version.name = control.name;
        version.type = control.type;
        version.sites = String.join(",", control.sites);
        version.monitoringOwner = control.monitoringOwner;
        version.frequency = control.frequency;
        version.indicatorName = control.indicatorName;
        version.indicatorUnit = control.indicatorUnit;
        version.indicatorThreshold = control.indicatorThreshold;
        version.goodDirection = control.goodDirection;
        version.status = control.status;
        version.changeReason = reason;
        version.changedBy = by;
        version.changedAt = control.changedAt;
        version.actionId = actionId;
        version.persist();
        publish(control);
        return control;
    }

    private void publish(Control control) {
        outbox.publish(Topics.CONTROLS, control.id, new ControlPublished(control.id, control.version, control.name,
                control.type.name(), List.copyOf(control.sites), control.monitoringOwner, control.frequency.name(),
                new ControlPublished.Indicator(control.indicatorName, control.indicatorUnit,
                        control.indicatorThreshold, control.goodDirection.name()),
                control.status.name(), clock.instant()));
        control.publishedVersion = control.version;
    }

    private void checkOwner(Spec spec) {
        boolean monitors = directory.find(spec.monitoringOwner())
                .filter(p -> p.enabled() && (p.roles().contains(Roles.LEADER) || p.roles().contains(Roles.SENIOR_LEADER)))
                .isPresent();
        if (!monitors) {
            throw RuleViolation.unprocessable("The monitoring owner must be an active leader or senior leader",
                    List.of(new Problem.FieldError("monitoringOwner", "not a leader: " + spec.monitoringOwner())));
        }
    }

    private static void apply(Control control, Spec spec, ControlStatus status) {
        control.name = spec.name();
        control.type = spec.type();
        control.sites = new TreeSet<>(spec.sites());
        control.monitoringOwner = spec.monitoringOwner();
        control.frequency = spec.frequency() == null ? Frequency.WEEKLY : spec.frequency();
        control.indicatorName = spec.indicatorName();
        control.indicatorUnit = spec.indicatorUnit();
        control.indicatorThreshold = spec.indicatorThreshold();
        control.goodDirection = spec.goodDirection();
        control.status = status;
    }

    private static boolean sameAs(Control c, Spec s) {
        return c.name.equals(s.name()) && c.type == s.type() && c.sites.equals(new TreeSet<>(s.sites()))
                && c.monitoringOwner.equals(s.monitoringOwner())
                && c.frequency == (s.frequency() == null ? Frequency.WEEKLY : s.frequency())
                && c.indicatorName.equals(s.indicatorName()) && c.indicatorUnit.equals(s.indicatorUnit())
                && c.indicatorThreshold == s.indicatorThreshold() && c.goodDirection == s.goodDirection();
    }
}
