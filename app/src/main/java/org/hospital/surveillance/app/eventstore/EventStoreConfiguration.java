package org.hospital.surveillance.app.eventstore;

import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.hospital.surveillance.projection.rebuild.ClaimKeepingTokenStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;

/**
 * Axon's JDBC storage engine on PostgreSQL or the embedded H2 file database, with the fixes the
 * stack notes record: Postgres table factories for both databases (Axon's H2/HSQL and generic
 * factories emit DDL that H2 2.x or BLOB-less databases reject), duplicate keys recognised by SQL
 * state 23505 (Boot's error-code resolver misses them on both databases), and on H2 the gap
 * query rewritten as a UNION ALL, because H2 answers Axon's {@code range OR IN (gaps)} by scanning
 * the whole primary key. The tables are created at start-up if missing.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** SQL state of a unique-key violation on PostgreSQL and H2: a concurrent first append of the same fact. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          @Value("${spring.datasource.url}") String url) {
        EventSchema schema = new EventSchema();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema);
        if (isH2(url)) {
            builder.readEventDataWithGaps(unionAllGapQuery());
        }
        JdbcEventStorageEngine engine = new WithoutSnapshots(builder);
        transactionManager.executeInTransaction(() -> engine.createSchema(PostgresEventTableFactory.INSTANCE));
        return engine;
    }

    /** The embedded H2 file's own housekeeping, which {@code WRITE_DELAY=0} switches off. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
    EmbeddedEventStoreHousekeeping embeddedEventStoreHousekeeping(DataSource dataSource) {
        return new EmbeddedEventStoreHousekeeping(dataSource);
    }

    /**
     * The token store through which the instances sharing one event store split the processors'
     * segments. Each instance claims under its own owner name: Axon's default, the JVM's
     * {@code pid@host}, is the same for every instance in one JVM, and so is {@code 1@<host>} for
     * containers that share a host name; two instances under one name would each believe they hold
     * the same claim and project every event twice. Wrapped so that a rebuild can pause a processor
     * and keep its claims ({@link ClaimKeepingTokenStore}).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          TransactionManager transactionManager, ClaimOwner claimOwner) {
        JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(new TokenSchema())
                .serializer(serializer)
                .nodeId(claimOwner.name())
                .build();
        transactionManager.executeInTransaction(() -> tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE));
        // A rebuild's switch pauses processors without letting their claims go to another instance.
        return new ClaimKeepingTokenStore(tokenStore);
    }

    /** The name this instance claims segments under (and is known by to the other instances). */
    @Bean
    ClaimOwner claimOwner(@Value("${surveillance.node-id:}") String configuredNodeId) {
        return new ClaimOwner(nodeId(configuredNodeId));
    }

    /** The name this instance claims processor segments under in the token table. */
    public record ClaimOwner(String name) {
    }

    /** The configured owner name, or the JVM's {@code pid@host} made unique per start. */
    static String nodeId(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Axon's engine without the snapshot query it makes before every aggregate load, a new fact's
     * included: the platform takes no snapshots (no snapshotter or trigger is configured, and an
     * aggregate holds one fact), so the query always came back empty, one round trip per write for
     * nothing. Should snapshots ever be taken, aggregates still load correctly from their events.
     */
    static final class WithoutSnapshots extends JdbcEventStorageEngine {
        WithoutSnapshots(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }
    }

    static boolean isH2(String url) {
        return url != null && url.startsWith("jdbc:h2:");
    }

    /** The events after the token's index and those in its gaps, as two index-range reads H2 can use. */
    static ReadEventDataWithGapsStatementBuilder unionAllGapQuery() {
        return (connection, schema, globalIndex, batchSize, gaps) -> {
            String fields = schema.trackedEventFields();
            String table = schema.domainEventTable();
            String index = schema.globalIndexColumn();
            String sql = "SELECT " + fields + " FROM " + table + " WHERE " + index + " > ? AND " + index + " <= ?"
                    + " UNION ALL SELECT " + fields + " FROM " + table + " WHERE " + index + " IN ("
                    + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                    + " ORDER BY " + index + " ASC";
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setLong(1, globalIndex);
            statement.setLong(2, globalIndex + batchSize);
            List<Long> gapList = gaps;
            for (int i = 0; i < gapList.size(); i++) {
                statement.setLong(i + 3, gapList.get(i));
            }
            return statement;
        };
    }

}
