package io.closeloop.incident.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** The sections and questions of a review template. Answers are keyed by question id. */
public record TemplateContent(
        @NotBlank String title,
        @NotEmpty @Valid List<Section> sections) {

    /** Leadership questions every template must ask, whatever else it changes. */
    public static final List<String> LEADERSHIP_QUESTIONS = List.of(
            "controls-that-should-have-detected", "monitoring-responsibility", "escalation-thresholds");

    public record Section(
            @NotBlank @Pattern(regexp = "[a-z0-9-]+") String id,
            @NotBlank String title,
            @NotEmpty @Valid List<Question> questions) {
    }

    public record Question(
            @NotBlank @Pattern(regexp = "[a-z0-9-]+") String id,
            @NotBlank String text,
            boolean mandatory) {
    }

    public List<Question> questions() {
        return sections.stream().flatMap(s -> s.questions().stream()).toList();
    }
}
