/**
 * Environmental (disinfection) compliance per ward, sample type and month: each sample is one
 * entry, with its limit and verdict, in the bucket of its ward and collection month.
 */
package org.hospital.surveillance.projection.compliance;
