package org.hospital.surveillance.app.history;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.hospital.surveillance.blocking.Uninterrupted;
import org.hospital.surveillance.projection.history.EventHistoryReader;
import org.hospital.surveillance.projection.history.ReadModelsAsOf;
import org.hospital.surveillance.projection.rebuild.FollowActiveGeneration;
import org.hospital.surveillance.projection.rebuild.ProjectionRebuilds;
import org.hospital.surveillance.projection.rebuild.ProjectionRebuilds.Status;
import org.hospital.surveillance.projection.rebuild.SegmentGathering;
import org.hospital.surveillance.projection.support.RebuildableProjection;
import org.hospital.surveillance.query.support.PastReadModels;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * Time travel ({@code asOf} on the read endpoints) and rebuilds ({@code /api/projections}): the
 * projections module computes, the query side answers, this wires the one to the other.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    /**
     * The one reader of the event history (export, what-if, time travel, a rebuild's bulk pass),
     * through the same upcasters, in their order, as Axon's storage engine.
     */
    @Bean
    EventHistoryReader eventHistoryReader(DataSource dataSource, @Qualifier("eventSerializer") Serializer serializer,
                                          ObjectProvider<EventUpcaster> upcasters,
                                          @Value("${surveillance.history.page-size:" + EventHistoryReader.DEFAULT_PAGE_SIZE + "}")
                                          int pageSize) {
        return new EventHistoryReader(dataSource, serializer, new EventUpcasterChain(upcasters.orderedStream().toList()),
                pageSize, EventHistoryReader.DEFAULT_MAX_GAP_OFFSET);
    }

    @Bean
    ReadModelsAsOf readModelsAsOf(EventHistoryReader history, List<RebuildableProjection> projections) {
        return new ReadModelsAsOf(history, projections);
    }

    /** Reading the history blocks on JDBC: never on the event loop, and never interrupted by a client hanging up. */
    @Bean
    PastReadModels pastReadModels(ReadModelsAsOf asOf, DataSource dataSource, Serializer serializer) {
        ProcessedPositions processed = new ProcessedPositions(dataSource, serializer);
        return new PastReadModels() {
            @Override
            public Flux<Document> documents(String projection, String collection, Instant instant) {
                return blocking(() -> asOf.documents(projection, collection, instant));
            }

            @Override
            public Flux<Document> documents(String projection, String collection, Flux<Document> today, Instant instant) {
                // The processor's progress first, then today's buckets (blocking is fine on this thread).
                return blocking(() -> asOf.documents(projection, collection, instant, processed.handledUpTo(projection),
                        () -> today.collectList().block()));
            }

            private Flux<Document> blocking(Callable<List<Document>> read) {
                return Uninterrupted.call(read).flatMapIterable(documents -> documents);
            }
        };
    }

    /**
     * Each live projection's processor looks up the generation to write to at the start of every
     * batch ({@link FollowActiveGeneration}): another instance's rebuild may have switched it. Other
     * processors (the alert detector) pass through untouched. The projections are looked up at the
     * first event, when every bean exists.
     */
    @Bean
    ConfigurerModule liveProjectionsFollowTheActiveGeneration(ObjectProvider<RebuildableProjection> projections,
                                                              ObjectProvider<MongoDatabase> database) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) ->
                new FollowIfProjection(processor, projections, database));
    }

    /** {@link FollowActiveGeneration} for the processor of a rebuildable projection, nothing for others. */
    private static final class FollowIfProjection implements MessageHandlerInterceptor<EventMessage<?>> {

        private final String processor;
        private final ObjectProvider<RebuildableProjection> projections;
        private final ObjectProvider<MongoDatabase> database;
        private volatile MessageHandlerInterceptor<EventMessage<?>> follow;

        FollowIfProjection(String processor, ObjectProvider<RebuildableProjection> projections,
                           ObjectProvider<MongoDatabase> database) {
            this.processor = processor;
            this.projections = projections;
            this.database = database;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
            if (follow == null) {
                follow = projections.orderedStream().filter(p -> p.name().equals(processor)).findFirst()
                        .<MessageHandlerInterceptor<EventMessage<?>>>map(p -> new FollowActiveGeneration(p, database.getObject()))
                        .orElse((uow, next) -> next.proceed());
            }
            return follow.handle(unitOfWork, chain);
        }
    }

    @Bean(destroyMethod = "close")
    ProjectionRebuilds projectionRebuilds(List<RebuildableProjection> projections, EventStorageEngine events,
                                          EventHistoryReader history, EventProcessingConfiguration processing, MongoDatabase database,
                                          HistoryProperties properties, MeterRegistry registry,
                                          ObjectProvider<SegmentGathering> gathering) {
        // With segment balancing, a rebuild gathers its processors' segments from the other instances.
        ProjectionRebuilds rebuilds = new ProjectionRebuilds(projections, events, history, processing, database,
                properties.rebuild().settings(), gathering.getIfAvailable(() -> SegmentGathering.NONE));
        // Before the processors start: what a crash during or right after a rebuild left behind goes.
        rebuilds.dropLeftovers();
        // Whether it is rebuilding and how far it is show on the processor's replay gauges (metrics package);
        // the pace only here.
        for (String name : rebuilds.names()) {
            Gauge.builder("surveillance.projection.rebuild.events.per.second", rebuilds, r -> r.status().stream()
                            .filter(s -> s.name().equals(name)).mapToDouble(Status::eventsPerSecond).findFirst().orElse(Double.NaN))
                    .description("Events per second a rebuild of the projection reads; 0 when live")
                    .tag("projection", name)
                    .register(registry);
        }
        return rebuilds;
    }
}
