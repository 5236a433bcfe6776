package org.hospital.surveillance.events.labresult;

public record Susceptibility(String antibiotic, Interpretation interpretation) {
}
