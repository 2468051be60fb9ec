package io.closeloop.e2e;

import io.closeloop.testing.KafkaClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group is behind the end of the partitions another group (the service's own) has read. */
final class KafkaLag {

    private KafkaLag() {
    }

    /** Records not yet committed by {@code group} on the partitions {@code reference} has committed offsets for. */
    static long of(String bootstrapServers, String group, String reference) {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(reference)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    read.keySet().stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get();
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not answer for group " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each partition {@code group} has committed on, with its committed offset and the partition's end. */
    static String behind(String bootstrapServers, String group) {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                    .stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(30, TimeUnit.SECONDS);
            String members = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group)
                    .members().stream().map(m -> m.clientId() + m.assignment().topicPartitions())
                    .collect(java.util.stream.Collectors.joining(", "));
            return new java.util.TreeMap<>(committed.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    entry -> entry.getKey().toString(), entry -> (entry.getValue() == null ? "-"
                            : Long.toString(entry.getValue().offset())) + "/" + ends.get(entry.getKey()).offset())))
                    + "; members: " + members;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer for group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
