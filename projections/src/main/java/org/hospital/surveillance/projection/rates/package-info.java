/**
 * HAI rates per ward and month: the census days and the HAI case reports of each ward-month,
 * kept as entries keyed by census date and case id (see {@code docs/definitions.md}). The
 * query side sums them and computes the rates with {@code RateArithmetic}.
 */
package org.hospital.surveillance.projection.rates;
