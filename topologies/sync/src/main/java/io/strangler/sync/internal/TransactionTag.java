package io.strangler.sync.internal;

import io.strangler.schemas.SourceTransaction;
import java.util.Objects;

/**
 * Where a logical change sits in its source transaction, carried to the command it yields on the other side so that
 * the apply sink can write the whole transaction in one database transaction.
 *
 * @param id    the source transaction id
 * @param size  how many of the transaction's source changes the sync reads (its mapped tables): the sink holds the
 *              transaction complete once it has every one of them
 * @param order the source change's position in the transaction, shared by every logical change it yields
 * @param parts how many logical changes the source change yields (a key move two, a table in two mappings one per
 *              mapping): each yields exactly one command or {@code MARK} for the other side
 */
public record TransactionTag(String id, long size, long order, int parts) {

    public TransactionTag {
        Objects.requireNonNull(id, "id");
        if (size < 1 || order < 1 || parts < 1) {
            throw new IllegalArgumentException("transaction " + id + ": size " + size + ", order " + order + " and parts "
                    + parts + " must be positive");
        }
    }

    public SourceTransaction toAvro() {
        return new SourceTransaction(id, size, order, parts);
    }
}
