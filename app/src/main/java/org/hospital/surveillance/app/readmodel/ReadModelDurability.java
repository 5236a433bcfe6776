package org.hospital.surveillance.app.readmodel;

/**
 * Makes every read-model write acknowledged so far durable. The processors call it before their
 * token commits (see {@code app/.../processing/DurableReadModelsFirst}), so a token never passes an
 * event whose effect on the read models a crash could still take away. On a real MongoDB the
 * processors' writes are acknowledged only once journaled on a majority, so there is nothing left to
 * do; the embedded store commits its file.
 */
@FunctionalInterface
public interface ReadModelDurability {

    /** Nothing to wait for: each write was durable when acknowledged. */
    ReadModelDurability ACKNOWLEDGED_IS_DURABLE = () -> { };

    void makeDurable();
}
