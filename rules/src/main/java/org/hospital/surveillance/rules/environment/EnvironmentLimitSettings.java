package org.hospital.surveillance.rules.environment;

/**
 * The upper CFU limit for each kind of sample (a value at the limit is compliant). Air is CFU per
 * settle plate, surfaces and hands CFU/cm², disinfectant in use CFU/mL; 0 means "no growth".
 */
public record EnvironmentLimitSettings(
        double air,
        double surfaceClassIandII,
        double surfaceClassIIIandIV,
        double handsHygienic,
        double handsSurgical,
        double disinfectantSterilant,
        double disinfectantSkinMucosa,
        double disinfectantOther,
        double sterileStorageFluid,
        double sterilizedItem) {

    public EnvironmentLimitSettings {
        requireLimit("air", air);
        requireLimit("surfaceClassIandII", surfaceClassIandII);
        requireLimit("surfaceClassIIIandIV", surfaceClassIIIandIV);
        requireLimit("handsHygienic", handsHygienic);
        requireLimit("handsSurgical", handsSurgical);
        requireLimit("disinfectantSterilant", disinfectantSterilant);
        requireLimit("disinfectantSkinMucosa", disinfectantSkinMucosa);
        requireLimit("disinfectantOther", disinfectantOther);
        requireLimit("sterileStorageFluid", sterileStorageFluid);
        requireLimit("sterilizedItem", sterilizedItem);
    }

    /** GB 15982-2012 (domain.md): air 4.0/plate for every class, surfaces 5.0 (I, II) and 10.0 (III, IV), ... */
    public static EnvironmentLimitSettings defaults() {
        return new EnvironmentLimitSettings(4.0, 5.0, 10.0, 10, 5, 0, 10, 100, 0, 0);
    }

    private static void requireLimit(String name, double limit) {
        // NaN would make every sample non-compliant without saying why.
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException(name + " limit must be a finite number >= 0, was " + limit);
        }
    }
}
