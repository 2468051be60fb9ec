package io.closeloop.contracts;

/** CloudEvents 1.0 attributes in Kafka binary mode: one header each, data in the record value. */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";

    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    public static final String JSON = "application/json";

    /** Why a record was dead-lettered, and where it came from. */
    public static final String HEADER_DLQ_REASON = "dlq_reason";
    public static final String HEADER_DLQ_TOPIC = "dlq_original_topic";
    public static final String HEADER_DLQ_PARTITION = "dlq_original_partition";
    public static final String HEADER_DLQ_OFFSET = "dlq_original_offset";
    public static final String HEADER_DLQ_CONSUMER = "dlq_consumer";
    /** On a dead letter whose payload was too large to copy: its size; the payload is in the dead_letter table. */
    public static final String HEADER_DLQ_PAYLOAD_OMITTED = "dlq_payload_omitted";

    private CloudEvents() {
    }
}
