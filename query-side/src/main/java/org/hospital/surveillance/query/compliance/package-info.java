/** {@code GET /api/compliance}: environmental (disinfection) compliance per ward, sample type and month. */
package org.hospital.surveillance.query.compliance;
