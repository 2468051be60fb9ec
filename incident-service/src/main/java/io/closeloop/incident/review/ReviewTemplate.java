package io.closeloop.incident.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One published version of the structured review template. Never changed once published. */
@Entity
@Table(name = "review_template")
public class ReviewTemplate extends PanacheEntityBase {

    @Id
    public int version;
    /** The template as JSON: {@link TemplateContent}. */
    public String content;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "published_at")
    public Instant publishedAt;
}
