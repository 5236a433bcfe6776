/**
 * The cluster (outbreak early-warning) rule: T or more distinct patients with the same ward,
 * organism and phenotype whose case dates lie within W days. A pure function of the set of cases,
 * so the same facts in any order, replayed or live, give the same cluster.
 */
package org.hospital.surveillance.rules.cluster;
