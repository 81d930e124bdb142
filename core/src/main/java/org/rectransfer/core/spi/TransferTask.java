package org.rectransfer.core.spi;

import java.util.List;
import java.util.Objects;

import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.IdIndex;
import org.rectransfer.core.data.InteractionMatrix;

/**
 * Everything a {@link TransferStrategy} may learn from: the shared user index, the source
 * domains (complete), the target item index and the target <em>training</em> interactions
 * (users x target items). Validation and test interactions are deliberately absent.
 *
 * @param users       shared user index (rows of every matrix)
 * @param sources     source domains, in the order the experiment lists them
 * @param targetName  target domain name
 * @param targetItems target item index (columns of {@code targetTrain})
 * @param targetTrain target training interactions; cold-start users have empty rows
 */
public record TransferTask(IdIndex users, List<DomainData> sources, String targetName, IdIndex targetItems,
                           InteractionMatrix targetTrain) {
    public TransferTask {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(targetItems, "targetItems");
        Objects.requireNonNull(targetTrain, "targetTrain");
        sources = List.copyOf(sources);
        if (targetTrain.numRows() != users.size() || targetTrain.numCols() != targetItems.size()) {
            throw new IllegalArgumentException("target training matrix is " + targetTrain.numRows() + "x"
                    + targetTrain.numCols() + ", expected " + users.size() + "x" + targetItems.size());
        }
        for (DomainData s : sources) {
            if (s.interactions().numRows() != users.size()) {
                throw new IllegalArgumentException("source '" + s.name() + "' has " + s.interactions().numRows()
                        + " rows, expected " + users.size());
            }
        }
    }

    public int numUsers() {
        return users.size();
    }

    public int numTargetItems() {
        return targetItems.size();
    }
}
