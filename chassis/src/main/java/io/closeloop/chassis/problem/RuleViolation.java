package io.closeloop.chassis.problem;

import java.util.List;

/**
 * A request that is well-formed but breaks a domain rule (a review submitted without an owner, a closure without
 * passing checks). Answered with 422 and the fields concerned, or 409 when the state of the resource forbids it.
 */
public class RuleViolation extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    private RuleViolation(int status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static RuleViolation unprocessable(String detail, List<Problem.FieldError> errors) {
        return new RuleViolation(422, detail, errors);
    }

    public static RuleViolation unprocessable(String detail) {
        return unprocessable(detail, List.of());
    }

    public static RuleViolation conflict(String detail) {
        return new RuleViolation(409, detail, List.of());
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
