package org.hospital.surveillance.query.rates;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hospital.surveillance.query.support.MonthBuckets;
import org.hospital.surveillance.rules.rates.RateArithmetic;

/**
 * One ward's HAI figures for one month. Rates are null, and shown as null, when their
 * denominator is zero (a ward without census has no rate, not a rate of zero).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WardRates(
        String wardId,
        String month,
        long haiCases,
        long patientDays,
        long admissions,
        Double incidenceDensityPer1000PatientDays,
        Double incidencePercent,
        Map<String, DeviceRate> deviceAssociated) {

    /** The device types of the NHSN device-associated rates and the census count that is their denominator. */
    private static final Map<String, String> DEVICE_DAYS = deviceDays();

    /** A device-associated rate: CLABSI per central-line days, CAUTI per urinary-catheter days, VAE per ventilator days. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeviceRate(long cases, long deviceDays, Double ratePer1000DeviceDays) {
    }

    /** The figures of a {@code rates_by_ward_month} bucket. */
    static WardRates of(Document bucket) {
        List<Document> days = MonthBuckets.entries(bucket, "census");
        List<Document> cases = MonthBuckets.entries(bucket, "cases");
        long patientDays = sum(days, "patientsPresent");
        long admissions = sum(days, "admissions");
        Map<String, DeviceRate> deviceAssociated = new LinkedHashMap<>();
        DEVICE_DAYS.forEach((device, daysField) -> {
            long deviceCases = cases.stream().filter(c -> device.equals(c.getString("device"))).count();
            long deviceDays = sum(days, daysField);
            deviceAssociated.put(device, new DeviceRate(deviceCases, deviceDays, RateArithmetic.per1000(deviceCases, deviceDays)));
        });
        return new WardRates(bucket.getString("wardId"), bucket.getString("month"), cases.size(), patientDays, admissions,
                RateArithmetic.per1000(cases.size(), patientDays), RateArithmetic.percent(cases.size(), admissions),
                deviceAssociated);
    }

    /** A bucket every fact has left (all its cases moved elsewhere, no census) is no row. */
    static boolean hasFacts(Document bucket) {
        return !MonthBuckets.entries(bucket, "census").isEmpty() || !MonthBuckets.entries(bucket, "cases").isEmpty();
    }

    private static long sum(List<Document> entries, String field) {
        return entries.stream().mapToLong(entry -> MonthBuckets.count(entry, field)).sum();
    }

    private static Map<String, String> deviceDays() {
        Map<String, String> days = new LinkedHashMap<>();
        days.put("CENTRAL_LINE", "centralLineDays");
        days.put("URINARY_CATHETER", "urinaryCatheterDays");
        days.put("VENTILATOR", "ventilatorDays");
        return days;
    }
}
