/** {@code GET /api/rates}: HAI incidence density, cumulative incidence and device-associated rates per ward and month. */
package org.hospital.surveillance.query.rates;
