package dev.lanes.examples.orders;

import dev.lanes.LanesRecord;
import dev.lanes.Ordering;
import dev.lanes.spring.LanesListener;
import org.springframework.stereotype.Component;

/**
 * Handles each order: in order per key (one customer's orders one after another), many keys at
 * once. The work stands for a call to another service; {@link HandledJournal} notes each record,
 * for SpringOrdersIT to check, when {@code orders.journal} names a file.
 */
@Component
public class OrderListener {
    private final HandledJournal journal;

    OrderListener(HandledJournal journal) {
        this.journal = journal;
    }

    @LanesListener(id = "orders", topics = "${orders.topic}", ordering = Ordering.KEY,
            concurrency = "${orders.concurrency:64}")
    void on(LanesRecord<String, String> order) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(1);   // the downstream call
        journal.handled(order, start, System.nanoTime());
    }
}
