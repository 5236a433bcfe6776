/**
 * The alert aggregate and the commands it takes. Two senders: the alert detection process
 * (raise, update cluster cases; {@code projections/.../alert/detection}) and nurses through the
 * HTTP API (acknowledge, close). All are idempotent on the deterministic alert id
 * ({@link org.hospital.surveillance.events.alert.AlertIds}).
 */
package org.hospital.surveillance.command.alert;
