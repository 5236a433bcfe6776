package org.hospital.surveillance.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.hospital.surveillance.events.casereport.CaseCategory;
import org.hospital.surveillance.events.casereport.CaseReported;
import org.hospital.surveillance.events.casereport.DeviceAssociation;
import org.hospital.surveillance.events.casereport.InfectionSite;
import org.hospital.surveillance.events.census.WardCensusCorrected;
import org.hospital.surveillance.events.census.WardCensusRecorded;
import org.hospital.surveillance.events.environment.EnvironmentSampleAmended;
import org.hospital.surveillance.events.environment.EnvironmentSampleRecorded;
import org.hospital.surveillance.events.environment.HandDisinfection;
import org.hospital.surveillance.events.environment.SampleType;
import org.hospital.surveillance.events.labresult.CultureResult;
import org.hospital.surveillance.events.labresult.Interpretation;
import org.hospital.surveillance.events.labresult.LabResultAmended;
import org.hospital.surveillance.events.labresult.LabResultRecorded;
import org.hospital.surveillance.events.labresult.SpecimenType;
import org.hospital.surveillance.events.labresult.Susceptibility;
import org.hospital.surveillance.events.casereport.CaseReportAmended;
import org.hospital.surveillance.events.sterilization.BiologicalIndicatorResult;
import org.hospital.surveillance.events.sterilization.BowieDickResult;
import org.hospital.surveillance.events.sterilization.CycleType;
import org.hospital.surveillance.events.sterilization.IndicatorResult;
import org.hospital.surveillance.events.sterilization.SterilizationLoadAmended;
import org.hospital.surveillance.events.sterilization.SterilizationLoadRecorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stored rows of every older shape, run through the chain the event store and the export use, come
 * out as today's flat events; today's events serialise as their fields and nothing else.
 */
@Timeout(30)
class StoredEventUpcastersTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    private static final LabResultRecorded CULTURE = new LabResultRecorded("L-1", "P-1", "W-1",
            Instant.parse("2026-03-01T08:00:00Z"), SpecimenType.BLOOD, Instant.parse("2026-03-04T10:00:00Z"),
            CultureResult.POSITIVE, "Klebsiella pneumoniae", "CRE", List.of(new Susceptibility("MEM", Interpretation.R)));

    @Test
    void aRevisionZeroLabResultComesOutFlatWithTodaysNames() {
        Object event = upcast(LabResultRecorded.class, "0", """
                {"accessionNumber":"L-1","patientId":"P-1","wardId":"W-1","admittedAt":"2026-03-01T08:00:00Z",
                 "specimen":"BLOOD","collectedAt":"2026-03-04T10:00:00Z","result":"POSITIVE",
                 "organism":"Klebsiella pneumoniae","phenotype":"CRE"}""");

        assertThat(event).isEqualTo(new LabResultRecorded("L-1", "P-1", "W-1", Instant.parse("2026-03-01T08:00:00Z"),
                SpecimenType.BLOOD, Instant.parse("2026-03-04T10:00:00Z"), CultureResult.POSITIVE,
                "Klebsiella pneumoniae", "CRE", List.of()));
    }

    @Test
    void aRevisionZeroCaseReportComesOutFlatAsAnHai() {
        Object event = upcast(CaseReported.class, "0", """
                {"caseId":"C-1","patientId":"P-3","wardId":"W-1","infectionSite":"PNEU","organism":"Acinetobacter baumannii",
                 "phenotype":"CRAB","onset":"2026-03-08T06:00:00Z","device":"VENTILATOR"}""");

        assertThat(event).isEqualTo(new CaseReported("C-1", "P-3", "W-1", CaseCategory.HAI, InfectionSite.PNEU,
                "Acinetobacter baumannii", "CRAB", Instant.parse("2026-03-08T06:00:00Z"), DeviceAssociation.VENTILATOR,
                null, null));
    }

    @Test
    void everyWrappedRevisionOneEventComesOutFlat() {
        List<Object> today = List.of(
                CULTURE,
                new LabResultAmended(CULTURE.labResult()),
                new CaseReported("C-2", "P-2", "W-1", CaseCategory.NOTIFIABLE, null, null, null, null, null,
                        "Tuberculosis", Instant.parse("2026-03-02T09:00:00Z")),
                new CaseReportAmended("C-3", "P-2", "W-1", CaseCategory.HAI, InfectionSite.BSI, "Escherichia coli", "ESBL",
                        Instant.parse("2026-03-02T09:00:00Z"), DeviceAssociation.CENTRAL_LINE, null, null),
                new WardCensusRecorded("W-1", LocalDate.parse("2026-03-01"), 20, 4, 5, 6, 7),
                new WardCensusCorrected("W-1", LocalDate.parse("2026-03-01"), 21, 3, 2, 1, 0),
                new EnvironmentSampleRecorded("S-1", "W-1", SampleType.HANDS, null, HandDisinfection.SURGICAL, null, 4.5,
                        Instant.parse("2026-03-03T07:00:00Z")),
                new EnvironmentSampleAmended("S-1", "W-1", SampleType.HANDS, null, HandDisinfection.SURGICAL, null, 5.5,
                        Instant.parse("2026-03-03T07:00:00Z")),
                new SterilizationLoadRecorded("LD-1", "ST-1", CycleType.PREVACUUM_STEAM, Instant.parse("2026-03-03T07:00:00Z"),
                        BowieDickResult.PASS, IndicatorResult.PASS, BiologicalIndicatorResult.PENDING, 12),
                new SterilizationLoadAmended("LD-1", "ST-1", CycleType.PREVACUUM_STEAM, Instant.parse("2026-03-03T07:00:00Z"),
                        BowieDickResult.PASS, IndicatorResult.FAIL, BiologicalIndicatorResult.PENDING, 12));

        for (Object event : today) {
            String wrapper = switch (event.getClass().getSimpleName()) {
                case "LabResultRecorded", "LabResultAmended" -> "labResult";
                case "CaseReported", "CaseReportAmended" -> "report";
                case "WardCensusRecorded", "WardCensusCorrected" -> "census";
                case "EnvironmentSampleRecorded", "EnvironmentSampleAmended" -> "sample";
                default -> "load";
            };
            String revision1 = mapper.createObjectNode().set(wrapper, mapper.valueToTree(event)).toString();

            assertThat(upcast(event.getClass(), "1", revision1)).as(event.getClass().getSimpleName()).isEqualTo(event);
        }
    }

    @Test
    void todaysEventIsItsFieldsAndNothingElse() {
        SerializedObject<byte[]> stored = serializer.serialize(CULTURE, byte[].class);
        JsonNode json = json(new String(stored.getData(), StandardCharsets.UTF_8));

        assertThat(stored.getType().getRevision()).isEqualTo("2");
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("accessionNumber", "patientId", "wardId", "admittedAt", "specimenType",
                "collectedAt", "result", "organism", "phenotype", "susceptibility");
        assertThat(json.get("admittedAt").asText()).isEqualTo("2026-03-01T08:00:00Z");
        assertThat(upcast(LabResultRecorded.class, "2", json.toString())).isEqualTo(CULTURE);
    }

    private Object upcast(Class<?> type, String revision, String payload) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Aggregate", "x:1", 0, "event-1",
                Instant.parse("2026-03-04T11:00:00Z"), type.getName(), revision,
                json(payload).toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        try (Stream<IntermediateEventRepresentation> upcast = StoredEventUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(row, serializer)))) {
            List<IntermediateEventRepresentation> events = upcast.toList();
            assertThat(events).hasSize(1);
            IntermediateEventRepresentation event = events.get(0);
            assertThat(event.getType().getRevision()).isEqualTo("2");
            SerializedObject<byte[]> data = event.getData(byte[].class);
            return serializer.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, data.getType()));
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
