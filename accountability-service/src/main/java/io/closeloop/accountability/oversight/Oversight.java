package io.closeloop.accountability.oversight;

import io.closeloop.accountability.Accountabilities;
import io.closeloop.accountability.Accountability;
import io.closeloop.accountability.AccountabilityStatus;
import io.closeloop.accountability.history.HistoryEntry;
import io.closeloop.chassis.paging.Page;
import io.closeloop.chassis.security.ScopedQuery;
import io.closeloop.chassis.security.SiteScope;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Read models across accountabilities: a leader's work list, the sites at a glance, the auditors' register. */
@ApplicationScoped
public class Oversight {

    private final Accountabilities accountabilities;
    private final EntityManager entityManager;

    Oversight(Accountabilities accountabilities, EntityManager entityManager) {
        this.accountabilities = accountabilities;
        this.entityManager = entityManager;
    }

    public record Mine(Page<Accountability> open, Page<Accountability> overdue, Page<Accountability> disputed,
            Page<Accountability> acknowledged) {
    }

    public record SiteSummary(String site, long unassigned, long open, long disputed, long acknowledged,
            long discharged, long overdue) {
    }

    public record RegisterEntry(Accountability accountability, List<HistoryEntry> history) {
    }

    /** Open includes the overdue ones, which are also listed on their own. */
    public Mine mine(String username, SiteScope scope, int size) {
        return new Mine(
                accountabilities.list(scope, mineWith(username, AccountabilityStatus.OPEN, null), 0, size),
                accountabilities.list(scope, mineWith(username, null, true), 0, size),
                accountabilities.list(scope, mineWith(username, AccountabilityStatus.DISPUTED, null), 0, size),
                accountabilities.list(scope, mineWith(username, AccountabilityStatus.ACKNOWLEDGED, null), 0, size));
    }

    private static Accountabilities.Filter mineWith(String username, AccountabilityStatus status, Boolean overdue) {
        return new Accountabilities.Filter(username, null, status, null, overdue);
    }

    public List<SiteSummary> bySite(SiteScope scope) {
        Map<String, Map<AccountabilityStatus, Long>> counts = new TreeMap<>();
        var byStatus = entityManager.createQuery("select a.site, a.status, count(a) from Accountability a where "
                + scope.condition("a.site") + " group by a.site, a.status", Object[].class);
        scope.parameters().forEach(byStatus::setParameter);
        for (Object[] row : byStatus.getResultList()) {
            counts.computeIfAbsent((String) row[0], s -> new HashMap<>())
                    .put((AccountabilityStatus) row[1], (Long) row[2]);
        }
        var overdueQuery = entityManager.createQuery("select a.site, count(a) from Accountability a where "
                + scope.condition("a.site") + " and a.status in :pending and a.dueOn < :today group by a.site",
                Object[].class);
        scope.parameters().forEach(overdueQuery::setParameter);
        overdueQuery.setParameter("pending", AccountabilityStatus.PENDING);
        overdueQuery.setParameter("today", accountabilities.today());
        Map<String, Long> overdue = overdueQuery.getResultList().stream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
        return counts.entrySet().stream().map(e -> {
            Map<AccountabilityStatus, Long> c = e.getValue();
            return new SiteSummary(e.getKey(), c.getOrDefault(AccountabilityStatus.UNASSIGNED, 0L),
                    c.getOrDefault(AccountabilityStatus.OPEN, 0L), c.getOrDefault(AccountabilityStatus.DISPUTED, 0L),
                    c.getOrDefault(AccountabilityStatus.ACKNOWLEDGED, 0L),
                    c.getOrDefault(AccountabilityStatus.DISCHARGED, 0L), overdue.getOrDefault(e.getKey(), 0L));
        }).toList();
    }

    /** Accountabilities from reviews approved between {@code from} and {@code to} (inclusive), with their history. */
    public Page<RegisterEntry> register(SiteScope scope, String site, LocalDate from, LocalDate to, int index,
            int size) {
        var query = ScopedQuery.within(scope)
                .equal("site", site)
                .and("reviewedAt >= :from", "from", from == null ? null : startOf(from))
                .and("reviewedAt < :to", "to", to == null ? null : startOf(to.plusDays(1)));
        var found = Accountability.<Accountability>find(query.where(),
                Sort.ascending("reviewedAt").and("incidentId").and("id"), query.parameters()).page(index, size);
        List<Accountability> page = found.list();
        List<UUID> ids = page.stream().map(a -> a.id).toList();
        Map<UUID, List<HistoryEntry>> history = ids.isEmpty() ? Map.of()
                : HistoryEntry.<HistoryEntry>list("accountabilityId in ?1 order by id", ids).stream()
                        .collect(Collectors.groupingBy(e -> e.accountabilityId));
        return new Page<>(page.stream().map(a -> new RegisterEntry(a, history.getOrDefault(a.id, List.of())))
                .toList(), index, size, found.count());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
