package io.closeloop.chassis.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items, where it is, and how many there are in all. When {@code totalExact} is false the
 * list holds more than {@code total} items and was not counted to its end (a list too long to count on every page).
 */
public record Page<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** A page of a list counted exactly. */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    /** Clamps a client's page size into [1, MAX_SIZE], defaulting when absent. */
    public static int size(Integer requested) {
        if (requested == null) {
            return DEFAULT_SIZE;
        }
        return Math.max(1, Math.min(MAX_SIZE, requested));
    }

    public static int index(Integer requested) {
        return requested == null ? 0 : Math.max(0, requested);
    }

    /**
     * How many matching items a capped count reads for page {@code index}: at least {@code limit}, and always past
     * the end of the next page, so a client still sees from {@code total} whether there is a next page.
     */
    public static long countWindow(int index, int size, long limit) {
        return Math.max(limit, (index + 2L) * size);
    }

    /** A page whose list was counted over at most {@code window + 1} items; more than the window is "more than". */
    public static <T> Page<T> counted(List<T> items, int index, int size, long counted, long window) {
        return counted > window ? new Page<>(items, index, size, window, false)
                : new Page<>(items, index, size, counted, true);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalExact);
    }
}
