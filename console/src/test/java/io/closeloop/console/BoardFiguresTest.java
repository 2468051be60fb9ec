package io.closeloop.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.console.BoardFigures.ChallengeFact;
import io.closeloop.console.BoardFigures.IncidentFact;
import io.closeloop.console.BoardFigures.Month;
import io.closeloop.console.BoardFigures.OverdueFact;
import io.closeloop.console.BoardFigures.OwnershipFact;
import io.closeloop.console.BoardFigures.PlanFact;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardFiguresTest {

    private static final YearMonth OCT = YearMonth.of(2026, 10);
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    void eachMonthCountsItsOwnReportsClosuresChallengesAndPlansAtTheChosenSite() {
        List<IncidentFact> incidents = List.of(
                new IncidentFact("north", at("2026-10-02"), false, "CLOSED", at("2026-11-01"), at("2026-11-01")),
                new IncidentFact("north", at("2026-10-20"), true, "CLOSED", at("2026-11-10"), at("2026-11-10")),
                new IncidentFact("north", at("2026-11-03"), false, "CLOSED", null, at("2026-11-05")),
                new IncidentFact("north", at("2026-11-04"), true, "REVIEW", null, at("2026-11-04")),
                new IncidentFact("south", at("2026-11-04"), true, "REVIEW", null, at("2026-11-04")));
        List<PlanFact> plans = List.of(new PlanFact("north", true, at("2026-11-02")),
                new PlanFact("north", false, at("2026-11-09")), new PlanFact("north", false, null));
        List<ChallengeFact> challenges = List.of(new ChallengeFact("north", at("2026-11-20")),
                new ChallengeFact("south", at("2026-11-20")));
        List<OwnershipFact> ownership = List.of(new OwnershipFact("north", NOV, 4, 3),
                new OwnershipFact("south", NOV, 10, 0));

        List<Month> months = BoardFigures.months(OCT, NOV, "north", incidents, plans, challenges, ownership);

        assertThat(months).hasSize(2);
        Month october = months.get(0);
        assertThat(october.reported()).isEqualTo(2);
        assertThat(october.repeatRate()).isEqualTo(0.5);
        assertThat(october.closures()).isZero();
        assertThat(october.verifiedShare()).isNull();
        assertThat(october.acknowledgedOwnerShare()).isNull();
        Month november = months.get(1);
        assertThat(november.reported()).isEqualTo(2);
        assertThat(november.repeats()).isEqualTo(1);
        assertThat(november.closures()).isEqualTo(3);
        assertThat(november.verifiedClosures()).isEqualTo(2);
        assertThat(november.verifiedShare()).isEqualTo(2.0 / 3);
        assertThat(november.medianDaysToVerifiedClosure()).isEqualTo((30 + 21) / 2.0);
        assertThat(november.challenged()).isEqualTo(1);
        assertThat(november.acknowledgedOwnerShare()).isEqualTo(0.75);
        assertThat(november.plansSubmitted()).isEqualTo(2);
        assertThat(november.weakOnlyShare()).isEqualTo(0.5);
    }

    @Test
    void allSitesTogetherWhenNoSiteIsChosen() {
        List<Month> months = BoardFigures.months(NOV, NOV, "", List.of(), List.of(),
                List.of(new ChallengeFact("north", at("2026-11-20")), new ChallengeFact("south", at("2026-11-21"))),
                List.of(new OwnershipFact("north", NOV, 4, 3), new OwnershipFact("south", NOV, 4, 1)));
        assertThat(months.get(0).challenged()).isEqualTo(2);
        assertThat(months.get(0).acknowledgedOwnerShare()).isEqualTo(0.5);
    }

    @Test
    void overdueItemsAreCountedPerLeaderAndSiteMostFirst() {
        var rows = BoardFigures.overdue(null, List.of(new OverdueFact("north", "leader.north", "accountability"),
                new OverdueFact("south", "leader.south", "action"), new OverdueFact("south", "leader.south", "action"),
                new OverdueFact("south", "leader.south", "accountability")));
        assertThat(rows).extracting(BoardFigures.OverdueRow::owner).containsExactly("leader.south", "leader.north");
        assertThat(rows.get(0).actions()).isEqualTo(2);
        assertThat(rows.get(0).accountabilities()).isEqualTo(1);
        assertThat(BoardFigures.overdue("north", List.of(new OverdueFact("south", "leader.south", "action"))))
                .isEmpty();
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T09:00:00Z");
    }
}
