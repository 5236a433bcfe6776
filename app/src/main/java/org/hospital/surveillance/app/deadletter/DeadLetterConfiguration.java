package org.hospital.surveillance.app.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.hospital.surveillance.projection.compliance.EnvironmentComplianceProjection;
import org.hospital.surveillance.projection.rates.RatesProjection;
import org.hospital.surveillance.projection.sterilization.SterilizationComplianceProjection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Poison events: the figure projections (rates, environment and sterilization compliance) park a
 * fact whose event their handler cannot apply in Axon's sequenced dead-letter queue, kept in the
 * event store's database next to the tokens, and go on with every other fact. The sequence is the
 * aggregate, i.e. one fact: its later events are parked behind the failing one, in order, so a
 * fact is never applied out of order; the rest of its ward's figures move on.
 *
 * <p>The alert detector and the alert board keep retrying a failing event for ever
 * ({@code app/.../processing/ProcessingConfiguration}): a parked event there is an alert a nurse
 * never sees, or a board that hides one, which is worse than a board that stops and shows its lag.
 *
 * <p>A store outage parks nothing ({@link ParkOnlyPoison}): the batch is retried until the store
 * is back. The handlers still throw to reach the queue (the default {@code PropagatingErrorHandler}). The
 * dead-letter table is Axon's ({@code DeadLetterEntry}) with {@code BYTEA} payloads, as Axon's
 * generic DDL (BLOB) fails on PostgreSQL. The queue works in the processor's own transactions, so
 * parking an event and passing it with the token commit together; a retry or an eviction makes the
 * read models durable first, as a batch does ({@code app/.../processing/DurableReadModelsFirst}).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** The processors whose events may be parked. */
    static final List<String> PARKING_PROCESSORS = List.of(RatesProjection.PROCESSING_GROUP,
            EnvironmentComplianceProjection.PROCESSING_GROUP, SterilizationComplianceProjection.PROCESSING_GROUP);

    @Bean
    DeadLetterTable deadLetterTable(ConnectionProvider connections, TransactionManager transactions) {
        DeadLetterSchema schema = DeadLetterSchema.defaultSchema();
        transactions.executeInTransaction(() -> {
            try (var connection = connections.getConnection();
                 var create = new PortableDeadLetterTableFactory().createTableStatement(connection, schema)) {
                create.executeBatch();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot create the dead-letter table " + schema.deadLetterTable(), e);
            }
        });
        return new DeadLetterTable(schema);
    }

    @Bean
    ConfigurerModule parkPoisonEventsOfTheFigureProjections(DeadLetterTable table, ConnectionProvider connections,
                                                           TransactionManager transactions, Serializer serializer,
                                                           @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> {
            for (String processor : PARKING_PROCESSORS) {
                configurer.eventProcessing()
                        .registerSequencingPolicy(processor, c -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterPolicy(processor, c -> new ParkOnlyPoison())
                        .registerDeadLetterQueue(processor, c -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                .processingGroup(processor)
                                .schema(table.schema())
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .genericSerializer(serializer)
                                .eventSerializer(eventSerializer)
                                .build());
            }
        };
    }

    @Bean
    ParkedSequences parkedSequences(EventProcessingConfiguration processing, MeterRegistry registry) {
        ParkedSequences parked = new ParkedSequences(processing, PARKING_PROCESSORS);
        for (String processor : PARKING_PROCESSORS) {
            Gauge.builder("surveillance.processor.parked.sequences", parked, p -> p.count(processor))
                    .description("Facts (event sequences) the processor parked as dead letters; 0 when none")
                    .tag("processor", processor)
                    .register(registry);
        }
        return parked;
    }

    /** The dead-letter table, created at start-up. */
    record DeadLetterTable(DeadLetterSchema schema) {
    }

    /**
     * Axon's generic dead-letter DDL with {@code BYTEA} payloads, which both H2 and PostgreSQL take,
     * and indexes created only if missing (the table is, and this runs at every start).
     */
    private static final class PortableDeadLetterTableFactory extends GenericDeadLetterTableFactory {
        @Override
        protected String serializedDataType() {
            return "BYTEA";
        }

        @Override
        protected String processingGroupIndexSql(DeadLetterSchema schema) {
            return ifMissing(super.processingGroupIndexSql(schema));
        }

        @Override
        protected String sequenceIdentifierIndexSql(DeadLetterSchema schema) {
            return ifMissing(super.sequenceIdentifierIndexSql(schema));
        }

        private static String ifMissing(String createIndex) {
            return createIndex.replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ");
        }
    }
}
