package org.hospital.surveillance.events.alert;

public enum AlertType { CLUSTER, ENVIRONMENT, STERILIZATION_FAILURE }
