package io.closeloop.console;

/** A service refused a read the page needs; the page cannot be drawn without it. */
public class ApiException extends RuntimeException {

    private final Problem problem;

    ApiException(String what, Problem problem) {
        super(what + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
