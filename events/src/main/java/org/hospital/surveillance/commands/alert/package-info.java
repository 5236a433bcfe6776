/**
 * Alert commands. They live in the shared vocabulary because two sides send them: the alert
 * detection processor (raise, update cluster cases) and nurses through the HTTP API
 * (acknowledge, close). All are idempotent on the deterministic alert id.
 */
package org.hospital.surveillance.commands.alert;
