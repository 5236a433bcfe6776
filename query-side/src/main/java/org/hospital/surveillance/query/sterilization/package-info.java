/** {@code GET /api/sterilization-compliance}: loads passing every indicator per sterilizer and month. */
package org.hospital.surveillance.query.sterilization;
