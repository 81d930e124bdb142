package org.rectransfer.benchmarks.harness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.core.split.ColdStartItems;
import org.rectransfer.core.split.ColdStartUsers;
import org.rectransfer.core.split.GlobalTemporal;
import org.rectransfer.core.split.KFold;
import org.rectransfer.core.split.LeaveOneOut;
import org.rectransfer.core.split.PerUserHoldout;
import org.rectransfer.core.split.PerUserTemporal;
import org.rectransfer.core.split.Predefined;
import org.rectransfer.core.split.RandomHoldout;
import org.rectransfer.core.split.SparseTarget;
import org.rectransfer.core.split.SplitSpec;

/**
 * Turns the {@code split} object of an experiment config into a {@link SplitSpec}:
 * {@code {"type": "cold-start-users", "beta": 0.5}}. Every parameter not given takes the
 * default listed here; unknown types and parameters are refused with the known ones listed.
 *
 * <table>
 *   <caption>split types and defaults</caption>
 *   <tr><td>random-holdout</td><td>testFraction 0.2, validationFraction 0.1</td></tr>
 *   <tr><td>per-user-holdout</td><td>testFraction 0.2, validationFraction 0.1</td></tr>
 *   <tr><td>k-fold</td><td>k 5, byUser false, validationFraction 0.1</td></tr>
 *   <tr><td>leave-one-out</td><td>mode LAST, validation true</td></tr>
 *   <tr><td>global-temporal</td><td>testFraction 0.2, validationFraction 0.1</td></tr>
 *   <tr><td>per-user-temporal</td><td>testFraction 0.2, validationFraction 0.1</td></tr>
 *   <tr><td>cold-start-users</td><td>beta 0.5, validationShare 0.2</td></tr>
 *   <tr><td>cold-start-items</td><td>fraction 0.2, validationShare 0.2</td></tr>
 *   <tr><td>sparse-target</td><td>keepPerUser 5, validationShare 0.2</td></tr>
 *   <tr><td>predefined</td><td>validationFraction 0.1; the folds come from the dataset (e.g. MovieLens u1..u5)</td></tr>
 * </table>
 */
public final class SplitFactory {

    /** Defaults of every parameterised type, as records the config overrides. */
    private static final Map<String, Record> DEFAULTS = new TreeMap<>(Map.of(
            "random-holdout", new RandomHoldout(0.2, 0.1),
            "per-user-holdout", new PerUserHoldout(0.2, 0.1),
            "k-fold", new KFold(5, false, 0.1),
            "leave-one-out", new LeaveOneOut(LeaveOneOut.Mode.LAST, true),
            "global-temporal", new GlobalTemporal(0.2, 0.1),
            "per-user-temporal", new PerUserTemporal(0.2, 0.1),
            "cold-start-users", new ColdStartUsers(0.5, 0.2),
            "cold-start-items", new ColdStartItems(0.2, 0.2),
            "sparse-target", new SparseTarget(5, 0.2)));

    /** Parameters of the predefined split (its folds come from the dataset). */
    public record PredefinedParams(double validationFraction) {
    }

    private SplitFactory() {
    }

    /** Known split type names. */
    public static List<String> types() {
        List<String> names = new java.util.ArrayList<>(DEFAULTS.keySet());
        names.add("predefined");
        names.sort(null);
        return names;
    }

    /**
     * The split described by {@code node}.
     *
     * @param predefinedFolds the dataset's predefined test folds and their name, needed only for
     *                        {@code predefined}; {@code null} when the dataset has none
     */
    public static SplitSpec create(ObjectNode node, String datasetLabel, Function<String, PredefinedFolds> predefinedFolds) {
        if (node == null || !node.hasNonNull("type")) {
            throw new IllegalArgumentException("split needs a 'type'; known types: " + types());
        }
        String type = node.get("type").asText();
        ObjectNode params = node.deepCopy();
        params.remove("type");
        String owner = "split '" + type + "'";
        if (type.equals("predefined")) {
            var merged = ConfigBinder.merge(owner, new PredefinedParams(0.1), params);
            PredefinedParams p = ConfigBinder.bind(owner, merged, PredefinedParams.class);
            PredefinedFolds folds = predefinedFolds.apply(datasetLabel);
            if (folds == null) {
                throw new IllegalArgumentException("split 'predefined': dataset '" + datasetLabel
                        + "' has no predefined folds (use a dataset type that ships them, e.g. movielens-100k)");
            }
            return new Predefined(folds.name(), folds.testFolds(), p.validationFraction());
        }
        Record defaults = DEFAULTS.get(type);
        if (defaults == null) {
            throw new IllegalArgumentException("unknown split type '" + type + "'; known types: " + types());
        }
        var merged = ConfigBinder.merge(owner, defaults, params);
        return (SplitSpec) ConfigBinder.bind(owner, merged, defaults.getClass());
    }

    /** A dataset's predefined test folds (e.g. MovieLens u1.test..u5.test). */
    public record PredefinedFolds(String name, List<InteractionMatrix> testFolds) {
        public PredefinedFolds {
            testFolds = List.copyOf(testFolds);
        }
    }
}
