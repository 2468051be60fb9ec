package io.closeloop.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.console.Charts.Bar;
import io.closeloop.console.Charts.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void aBarPerMonthWithItsValueAndATextAlternativeForScreenReaders() {
        String svg = Charts.bars("Weak-only plans", List.of(new Bar("26-10", 0.25), new Bar("26-11", null)),
                Scale.SHARE, "warn");
        assertThat(svg).startsWith("<svg class=\"chart warn\"").contains("role=\"img\"")
                .contains("aria-labelledby=\"chart-weak-only-plans\"")
                .contains("<title id=\"chart-weak-only-plans\">Weak-only plans. 26-10: 25%; 26-11: none</title>");
        assertThat(svg.split("<rect ", -1)).hasSize(2);
        assertThat(svg).contains(">25%</text>").contains(">100%</text>");
    }

    @Test
    void countsAndDaysGetARoundScaleAndLabelsAreEscaped() {
        String svg = Charts.bars("Days <to> close", List.of(new Bar("a&b", 37.0)), Scale.DAYS, "info");
        assertThat(svg).contains(">40</text>").contains(">37</text>").contains("a&amp;b")
                .contains("Days &lt;to&gt; close");
        assertThat(Charts.bars("Challenged", List.of(new Bar("26-11", 0.0)), Scale.COUNT, "bad"))
                .contains(">1</text>", ">2</text>", ">3</text>", ">4</text>");
        assertThat(Charts.format(2.45, Scale.DAYS)).isEqualTo("2.5");
        assertThat(Charts.format(3.0, Scale.COUNT)).isEqualTo("3");
    }
}
