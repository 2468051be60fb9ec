package io.closeloop.verification;

import io.closeloop.chassis.problem.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Independence of verifiers and the closure gate. Plain Java. */
public final class ClosureRules {

    private ClosureRules() {
    }

    public record TargetState(UUID controlFailureId, String controlName, String owner) {
    }

    public record CheckState(UUID checkId, UUID controlFailureId, CheckMethod method, boolean superseded,
            Tally tally) {
    }

    public static void checkOpen(VerificationStatus status) {
        if (status != VerificationStatus.OPEN) {
            throw RuleViolation.conflict("The verification is " + status + ", not OPEN");
        }
    }

    /** A verifier never verifies a control they own. */
    public static void checkIndependentVerifier(String verifier, String owner) {
        if (verifier.equals(owner)) {
            throw RuleViolation.unprocessable("A verifier cannot verify a control they own");
        }
    }

    /**
     * Every reason the incident cannot close yet, empty when it may: the signer owns none of the controls under test,
     * and every control has at least one check in force, each complete and passed.
     */
    public static List<String> reasonsNotToClose(String signer, List<TargetState> targets, List<CheckState> checks) {
        List<String> reasons = new ArrayList<>();
        targets.stream().filter(t -> t.owner().equals(signer)).findFirst().ifPresent(t -> reasons.add(
                "An owner of a control under test cannot sign off the closure: " + signer + " owns "
                        + name(t)));
        for (TargetState target : targets) {
            List<CheckState> inForce = checks.stream()
                    .filter(c -> !c.superseded() && c.controlFailureId().equals(target.controlFailureId()))
                    .toList();
            if (inForce.isEmpty()) {
                reasons.add(name(target) + " has no check");
            }
            for (CheckState check : inForce) {
                Tally tally = check.tally();
                switch (tally.verdict()) {
                    case PENDING -> reasons.add(String.format(Locale.ROOT, "%s check %s of %s is incomplete: %d of "
                            + "%d results recorded", check.method(), check.checkId(), name(target), tally.recorded(),
                            tally.planned()));
                    case FAILED -> reasons.add(String.format(Locale.ROOT, "%s check %s of %s failed: %d of %d "
                            + "passed, lower bound %.3f below the threshold %.3f", check.method(), check.checkId(),
                            name(target), tally.passed(), tally.recorded(), tally.lowerBound(), tally.threshold()));
                    default -> {
                    }
                }
            }
        }
        return reasons;
    }

    private static String name(TargetState target) {
        return (target.controlName() == null ? "control failure" : target.controlName()) + " ("
                + target.controlFailureId() + ")";
    }
}
