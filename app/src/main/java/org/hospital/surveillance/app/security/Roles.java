package org.hospital.surveillance.app.security;

/** The platform's roles (api.md): who may submit which facts and read what. */
public final class Roles {
    public static final String LAB = "LAB";
    public static final String NURSE = "NURSE";
    public static final String EPIDEMIOLOGIST = "EPIDEMIOLOGIST";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
