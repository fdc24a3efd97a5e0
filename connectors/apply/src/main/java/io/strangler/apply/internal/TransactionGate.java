package io.strangler.apply.internal;

import io.strangler.schemas.SourceTransaction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds the records read from the apply topic until the source transactions among them are whole, so that a batch
 * never commits part of one.
 *
 * <p>The sync tags every command of an application's multi-change transaction ({@link SourceTransaction}): its size
 * (source changes), the order of the change a command comes from, and how many commands that change yields (parts,
 * {@code MARK}s included). A transaction is <em>whole</em> once every one of its orders has all of its parts. Its
 * commands lie in several partitions, so what can be released is, per partition, the prefix before the first record
 * of a transaction that is not whole, shrunk until no released transaction has a record beyond another partition's
 * cut: then every transaction released is released entirely and each partition's order is kept (the offsets stored
 * with a batch stay a per-partition prefix).
 *
 * <p>A transaction that stays partial longer than {@code maxWait} (a change the sync dead-lettered, a command
 * replayed from the dead-letter topic long after its transaction) is released as it is, counted, and remembered, so
 * that its later records are not held again.
 *
 * <p>Not thread-safe: the sink's single loop owns it.
 */
public final class TransactionGate {

    /** How many transactions released partial are remembered; older ones would only be held again for maxWait. */
    private static final int REMEMBERED_PARTIAL = 10_000;

    /** What {@link #release} hands out: the records to apply now, in poll order, and the transactions given up on. */
    public record Release(List<SourceRecord> records, int wholeTransactions, List<String> partialTransactions) {
    }

    private final long maxWaitNanos;
    private final Map<Integer, ArrayDeque<Held>> held = new TreeMap<>();
    private final Map<String, Progress> transactions = new HashMap<>();
    private final Set<String> releasedPartial = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_PARTIAL;
        }
    });
    private long sequence;
    private int size;

    public TransactionGate(Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Adds a record read from the apply topic, in poll order. */
    public void add(SourceRecord record, long nowNanos) {
        held.computeIfAbsent(record.partition(), p -> new ArrayDeque<>()).addLast(new Held(record, sequence++));
        size++;
        count(record, nowNanos);
    }

    private void count(SourceRecord record, long nowNanos) {
        String id = transactionId(record);
        if (id != null) {
            SourceTransaction tx = record.command().getTransaction();
            transactions.computeIfAbsent(id, any -> new Progress(tx.getSize(), nowNanos))
                    .add(tx.getOrder(), tx.getParts());
        }
    }

    /** How many records are held. */
    public int size() {
        return size;
    }

    public boolean holds(int partition) {
        ArrayDeque<Held> records = held.get(partition);
        return records != null && !records.isEmpty();
    }

    /** Whether {@link #release} would hand out anything now. */
    public boolean releasable(long nowNanos) {
        return !cuts(nowNanos).values().stream().allMatch(cut -> cut == 0);
    }

    /** Takes out everything that can be applied now: whole transactions and the records around them. */
    public Release release(long nowNanos) {
        Map<Integer, Integer> cuts = cuts(nowNanos);
        List<Held> out = new ArrayList<>();
        Set<String> released = new HashSet<>();
        for (Map.Entry<Integer, Integer> cut : cuts.entrySet()) {
            ArrayDeque<Held> records = held.get(cut.getKey());
            for (int i = 0; i < cut.getValue(); i++) {
                Held one = records.pollFirst();
                out.add(one);
                String id = transactionId(one.record());
                if (id != null) {
                    released.add(id);
                }
            }
        }
        size -= out.size();
        out.sort(Comparator.comparingLong(Held::sequence));
        int whole = 0;
        List<String> partial = new ArrayList<>();
        for (String id : released) {
            Progress progress = transactions.remove(id);
            if (progress == null) {
                continue; // a late record of a transaction already released partial
            }
            if (progress.whole()) {
                whole++;
            } else {
                partial.add(id + " (" + progress.describe() + ")");
                releasedPartial.add(id);
            }
        }
        return new Release(out.stream().map(Held::record).toList(), whole, partial);
    }

    /** Forgets everything held: the sink seeks every partition back to its stored offset. */
    public void clear() {
        held.clear();
        transactions.clear();
        size = 0;
    }

    /** Forgets the records of partitions taken away. */
    public void forget(Collection<Integer> partitions, long nowNanos) {
        partitions.forEach(held::remove);
        // what is still held is counted again; the records forgotten will be read again from the stored offsets
        transactions.clear();
        size = 0;
        held.values().forEach(records -> records.forEach(one -> {
            size++;
            count(one.record(), nowNanos);
        }));
    }

    /**
     * Per partition, how many of its first records can be released: up to the first record of a transaction still
     * waiting, then shrunk until every transaction with a record inside the cuts has all of its held records inside.
     */
    private Map<Integer, Integer> cuts(long nowNanos) {
        Map<Integer, Integer> cuts = new LinkedHashMap<>();
        if (transactions.isEmpty()) {
            // nothing held belongs to a transaction (the common case): everything goes, without the walk below
            held.forEach((partition, records) -> cuts.put(partition, records.size()));
            return cuts;
        }
        Set<String> waiting = new HashSet<>();
        transactions.forEach((id, progress) -> {
            if (!progress.whole() && nowNanos - progress.firstSeenNanos < maxWaitNanos) {
                waiting.add(id);
            }
        });
        held.forEach((partition, records) -> cuts.put(partition, firstOf(records, waiting, records.size())));
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> blocked = new HashSet<>();
            held.forEach((partition, records) -> {
                int index = 0;
                for (Held one : records) {
                    String id = transactionId(one.record());
                    if (index++ >= cuts.get(partition) && id != null) {
                        blocked.add(id);
                    }
                }
            });
            for (Map.Entry<Integer, ArrayDeque<Held>> entry : held.entrySet()) {
                int cut = cuts.get(entry.getKey());
                int shrunk = firstOf(entry.getValue(), blocked, cut);
                if (shrunk < cut) {
                    cuts.put(entry.getKey(), shrunk);
                    changed = true;
                }
            }
        }
        return cuts;
    }

    /** Index of the first of the first {@code limit} records that belongs to one of {@code ids}, else {@code limit}. */
    private int firstOf(ArrayDeque<Held> records, Set<String> ids, int limit) {
        if (ids.isEmpty()) {
            return limit;
        }
        int index = 0;
        for (Iterator<Held> it = records.iterator(); it.hasNext() && index < limit; index++) {
            String id = transactionId(it.next().record());
            if (id != null && ids.contains(id)) {
                return index;
            }
        }
        return limit;
    }

    /**
     * The id of the transaction a record must be applied with, or null when it stands alone: untagged, or of a
     * transaction already released partial (its late records are not held again).
     */
    private String transactionId(SourceRecord record) {
        SourceTransaction tx = record.command() == null ? null : record.command().getTransaction();
        if (tx == null) {
            return null;
        }
        String id = tx.getId().toString();
        return releasedPartial.contains(id) ? null : id;
    }

    /** A held record and its place in poll order. */
    private record Held(SourceRecord record, long sequence) {
    }

    /** The parts read so far of one transaction's changes. */
    private static final class Progress {
        private final long size;
        private final long firstSeenNanos;
        private final Map<Long, int[]> partsByOrder = new HashMap<>();
        private long completeOrders;

        Progress(long size, long firstSeenNanos) {
            this.size = size;
            this.firstSeenNanos = firstSeenNanos;
        }

        void add(long order, int parts) {
            int[] seen = partsByOrder.computeIfAbsent(order, o -> new int[] {0, parts});
            seen[0]++;
            if (seen[0] == seen[1]) {
                completeOrders++;
            }
        }

        boolean whole() {
            return completeOrders >= size;
        }

        /** What was read of the transaction, e.g. "changes 1, 3 of 4; change 3: 1 of 2 commands". */
        String describe() {
            StringBuilder out = new StringBuilder("changes ");
            partsByOrder.keySet().stream().sorted().forEach(order -> out.append(order).append(", "));
            out.setLength(out.length() - 2);
            out.append(" of ").append(size);
            partsByOrder.entrySet().stream().filter(e -> e.getValue()[0] != e.getValue()[1])
                    .sorted(Map.Entry.comparingByKey()).forEach(e -> out.append("; change ").append(e.getKey())
                            .append(": ").append(e.getValue()[0]).append(" of ").append(e.getValue()[1])
                            .append(" commands"));
            return out.toString();
        }
    }
}
