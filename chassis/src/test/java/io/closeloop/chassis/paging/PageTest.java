package io.closeloop.chassis.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void theCountWindowIsTheLimitUntilTheNextPageGoesBeyondIt() {
        assertThat(Page.countWindow(0, 20, 10_000)).isEqualTo(10_000);
        assertThat(Page.countWindow(498, 20, 10_000)).isEqualTo(10_000);
        assertThat(Page.countWindow(499, 20, 10_000)).isEqualTo(10_020);
        assertThat(Page.countWindow(2_000, 200, 10_000)).isEqualTo(400_400);
    }

    @Test
    void aCountWithinTheWindowIsExact() {
        Page<String> page = Page.counted(List.of("a"), 0, 20, 10_000, 10_000);
        assertThat(page.total()).isEqualTo(10_000);
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void aCountBeyondTheWindowSaysMoreThanTheWindow() {
        Page<String> page = Page.counted(List.of("a"), 0, 20, 10_001, 10_000);
        assertThat(page.total()).isEqualTo(10_000);
        assertThat(page.totalExact()).isFalse();
        assertThat(page.map(String::length).totalExact()).isFalse();
    }

    @Test
    void aClientStillSeesANextPageOnTheLastPageOfTheWindow() {
        int index = 499;
        int size = 20;
        long window = Page.countWindow(index, size, 10_000);
        Page<String> page = Page.counted(List.of("a"), index, size, window + 1, window);
        assertThat((index + 1L) * size).isLessThan(page.total());
    }
}
