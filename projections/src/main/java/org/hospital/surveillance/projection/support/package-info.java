/**
 * What the figure projections share: a fact (a census day, a case report, a sample, a load) sits
 * as one map entry in exactly one keyed "bucket" document (ward and month, sterilizer and month,
 * see {@link Bucket}),
 * and a small per-fact locator remembers where, and which version of the fact was applied last.
 *
 * <p>The locator makes every update idempotent and order-proof: an event delivered twice, or an
 * older version delivered after a newer one (Axon redelivers a batch after a crash because the
 * token commits after the Mongo writes), changes nothing; an amendment that moves a fact to
 * another ward or month unsets it from the bucket it left. {@link FactPlacer} holds that logic in
 * plain Java over the {@link FactBook} interface; {@link MongoFactBook} is the MongoDB adapter.
 */
package org.hospital.surveillance.projection.support;
