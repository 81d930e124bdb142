package org.rectransfer.datasets.preprocess;

import java.util.List;
import java.util.Objects;

/**
 * What one step did: counts before and after, overall and per domain, plus free-text notes
 * (e.g. rounds to convergence, domains left unchanged).
 *
 * @param step        {@link PreprocessStep#describe()} of the step
 * @param usersBefore size of the shared user index before
 * @param usersAfter  size of the shared user index after
 * @param domains     per domain, sources in order then the target
 * @param notes       remarks, possibly empty
 */
public record StepReport(String step, int usersBefore, int usersAfter, List<DomainCounts> domains, List<String> notes) {

    public StepReport {
        Objects.requireNonNull(step, "step");
        domains = List.copyOf(domains);
        notes = List.copyOf(notes);
    }

    /** Users removed from the shared index. */
    public int removedUsers() {
        return usersBefore - usersAfter;
    }

    /** Interactions removed over all domains. */
    public long removedInteractions() {
        long n = 0;
        for (DomainCounts d : domains) {
            n += d.removedInteractions();
        }
        return n;
    }

    /** The counts of domain {@code name}; throws if there is no such domain. */
    public DomainCounts domain(String name) {
        for (DomainCounts d : domains) {
            if (d.domain().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no domain '" + name + "' in the report of " + step);
    }

    /**
     * Counts of one domain. "Users" are users with at least one interaction in the domain;
     * "items" are the size of the domain's item index.
     */
    public record DomainCounts(String domain, int usersBefore, int usersAfter, int itemsBefore, int itemsAfter,
                               long interactionsBefore, long interactionsAfter) {
        public int removedUsers() {
            return usersBefore - usersAfter;
        }

        public int removedItems() {
            return itemsBefore - itemsAfter;
        }

        public long removedInteractions() {
            return interactionsBefore - interactionsAfter;
        }
    }
}
