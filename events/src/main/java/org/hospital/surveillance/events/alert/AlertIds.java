package org.hospital.surveillance.events.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hospital.surveillance.events.StreamKeys;

/** Deterministic alert ids, so that raising the same alert twice appends nothing the second time. */
public final class AlertIds {
    private AlertIds() {
    }

    public static String environment(String sampleId) {
        return "ENV-" + sampleId;
    }

    public static String sterilizationFailure(String loadId) {
        return "STER-" + loadId;
    }

    /** Organism and phenotype must already be normalised; ordinal counts the clusters of the key from 1. */
    public static String cluster(String wardId, String organismNorm, String phenotypeNorm, int ordinal) {
        String key = wardId + "|" + organismNorm + "|" + phenotypeNorm + "|" + ordinal;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "CLU-" + HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The Axon aggregate identifier of an alert. */
    public static String aggregateId(String alertId) {
        return StreamKeys.alert(alertId);
    }
}
