package io.closeloop.incident.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Published versions of the review template; the first is seeded from {@code review/template-v1.json}. */
@ApplicationScoped
public class ReviewTemplates {

    private final ObjectMapper json;
    private final Clock clock;

    ReviewTemplates(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    void seed(@Observes StartupEvent event) {
        if (ReviewTemplate.count() > 0) {
            return;
        }
        try (InputStream in = ReviewTemplates.class.getResourceAsStream("/review/template-v1.json")) {
            publish(json.readValue(in, TemplateContent.class), "seed");
        } catch (IOException e) {
            throw new UncheckedIOException("The seed review template is unreadable", e);
        }
    }

    public ReviewTemplate current() {
        return ReviewTemplate.<ReviewTemplate>find("order by version desc").firstResultOptional()
                .orElseThrow(() -> new IllegalStateException("No review template is published"));
    }

    public ReviewTemplate version(int version) {
        return ReviewTemplate.<ReviewTemplate>findByIdOptional(version)
                .orElseThrow(() -> new NotFoundException("No review template version " + version));
    }

    public TemplateContent content(ReviewTemplate template) {
        try {
            return json.readValue(template.content, TemplateContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Review template " + template.version + " is unreadable", e);
        }
    }

    /** A new version; reviews already started keep the version they pinned. */
    @Transactional
    public ReviewTemplate publish(TemplateContent content, String by) {
        Set<String> ids = content.questions().stream().map(TemplateContent.Question::id).collect(Collectors.toSet());
        List<String> missing = TemplateContent.LEADERSHIP_QUESTIONS.stream()
                .filter(id -> content.questions().stream().noneMatch(q -> q.id().equals(id) && q.mandatory()))
                .toList();
        if (!missing.isEmpty()) {
            throw RuleViolation.unprocessable("A template must ask the leadership questions as mandatory",
                    missing.stream().map(id -> new Problem.FieldError("sections", "missing mandatory question " + id))
                            .toList());
        }
        if (ids.size() != content.questions().size()) {
            throw RuleViolation.unprocessable("Question ids must be unique within a template");
        }
        ReviewTemplate template = new ReviewTemplate();
        template.version = ReviewTemplate.count() == 0 ? 1 : current().version + 1;
        try {
            template.content = json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        template.publishedBy = by;
        template.publishedAt = clock.instant();
        template.persist();
        return template;
    }
}
