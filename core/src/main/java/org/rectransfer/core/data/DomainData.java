package org.rectransfer.core.data;

import java.util.Objects;

/**
 * One domain's interactions over the shared user index: row {@code u} of {@code interactions}
 * is user {@code u} of the enclosing {@link CrossDomainData#users()}, column {@code i} is item
 * {@code items.rawId(i)} of this domain.
 *
 * @param name         domain name, e.g. {@code "music"}
 * @param items        this domain's item index
 * @param interactions users x items matrix ({@code numCols == items.size()})
 * @param fingerprint  provenance of the data: a SHA-256 over the raw files and/or content,
 *                     whatever the loader can vouch for (see {@link #contentFingerprint})
 */
public record DomainData(String name, IdIndex items, InteractionMatrix interactions, String fingerprint) {
    public DomainData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (interactions.numCols() != items.size()) {
            throw new IllegalArgumentException("domain '" + name + "': matrix has " + interactions.numCols()
                    + " columns but the item index has " + items.size() + " items");
        }
    }

    /** SHA-256 over the user ids, item ids and matrix content: equal data gives equal fingerprints. */
    public static String contentFingerprint(IdIndex users, IdIndex items, InteractionMatrix m) {
        return org.rectransfer.core.provenance.Hashing.sha256Hex(
                users.fingerprint() + "|" + items.fingerprint() + "|" + m.contentHash());
    }

    /** This domain with another interaction matrix over the same users and items. */
    public DomainData withInteractions(InteractionMatrix m, String newFingerprint) {
        return new DomainData(name, items, m, newFingerprint);
    }
}
