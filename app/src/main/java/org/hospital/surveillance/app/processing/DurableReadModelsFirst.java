package org.hospital.surveillance.app.processing;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.hospital.surveillance.app.readmodel.ReadModelDurability;

/**
 * The processors' transaction manager: before a transaction of theirs commits, what they wrote to
 * the read models is made durable. A batch's token is stored in that transaction (Axon's tracking
 * processor stores it in the batch's unit of work, whose transaction this is; so does the
 * dead-letter queue when it retries or evicts a letter), so the token never passes an event whose
 * effect a crash could still lose. If making them durable fails, the transaction does not commit:
 * the batch is rolled back and handled again, which every projection shrugs off (its updates are
 * idempotent per fact version).
 */
final class DurableReadModelsFirst implements TransactionManager {

    private final TransactionManager delegate;
    private final ReadModelDurability readModels;

    DurableReadModelsFirst(TransactionManager delegate, ReadModelDurability readModels) {
        this.delegate = delegate;
        this.readModels = readModels;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    readModels.makeDurable();
                } catch (RuntimeException e) {
                    transaction.rollback();
                    throw e;
                }
                transaction.commit();
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }
}
