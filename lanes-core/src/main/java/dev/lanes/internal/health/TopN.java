package dev.lanes.internal.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code n} of a stream in an order, kept in O(n) memory and O(log n) per offer: a
 * heap whose top is the worst kept, replaced when something better comes. Confined to the thread
 * that builds it.
 */
final class TopN<T> {
    private final int n;
    private final Comparator<? super T> order;
    private final PriorityQueue<T> kept;

    /** @param order first is best */
    TopN(int n, Comparator<? super T> order) {
        this.n = n;
        this.order = order;
        this.kept = new PriorityQueue<>(n + 1, order.reversed());
    }

    void offer(T candidate) {
        if (kept.size() < n) {
            kept.add(candidate);
        } else if (order.compare(candidate, kept.peek()) < 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    /** The kept ones, best first. */
    List<T> sorted() {
        List<T> list = new ArrayList<>(kept);
        list.sort(order);
        return list;
    }
}
