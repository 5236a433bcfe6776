/**
 * Sterilization compliance per sterilizer and month of completion: each load is one entry holding
 * its verdict (PASSED, FAILED or PENDING) in the bucket of its sterilizer and month.
 */
package org.hospital.surveillance.projection.sterilization;
