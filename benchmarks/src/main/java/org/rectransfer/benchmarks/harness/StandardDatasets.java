package org.rectransfer.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectransfer.core.data.CrossDomainData;
import org.rectransfer.core.data.DomainData;
import org.rectransfer.core.data.InteractionMatrix;
import org.rectransfer.datasets.AmazonMusicMovieNeuCdcf;
import org.rectransfer.datasets.CrossDomainAssembler;
import org.rectransfer.datasets.DatasetLocator;
import org.rectransfer.datasets.DoubanGadtcdr;
import org.rectransfer.datasets.MovieLens;
import org.rectransfer.datasets.RawInteractions;
import org.rectransfer.datasets.formats.Formats;
import org.rectransfer.datasets.preprocess.Pipeline;
import org.rectransfer.datasets.preprocess.PreprocessStep;
import org.rectransfer.datasets.synthetic.SyntheticConfig;
import org.rectransfer.datasets.synthetic.SyntheticCrossDomain;

/**
 * The dataset types an experiment config can name:
 * <ul>
 *   <li>{@code synthetic}: {@link SyntheticCrossDomain}; params are {@link SyntheticConfig}'s fields;</li>
 *   <li>{@code douban}: {@link DoubanGadtcdr}; params {@code source}, {@code target} (book, music;
 *   default music -> book) and optional {@code directory} under the datasets root;</li>
 *   <li>{@code amazon-music-movie}: {@link AmazonMusicMovieNeuCdcf}; params as above (movie, music;
 *   default movie -> music).</li>
 *   <li>{@code movielens-100k}: {@link MovieLens} ml-100k as a single target domain without
 *   sources (for baselines); params {@code folds} (default u1..u5), the official test folds
 *   offered to the {@code predefined} split, and optional {@code directory}.</li>
 *   <li>{@code files}: any domains in any built-in format ({@link Formats#ids()}), aligned by raw
 *   user id: {@code {"domains": {"music": {"format": "movielens-csv", "files": ["a/ratings.csv"]}, ...},
 *   "sources": ["music"], "target": "book"}}; relative paths are under the datasets root.</li>
 * </ul>
 * After loading, the spec's {@code preprocess} steps run in order; their descriptions go into
 * the fingerprints ({@code preprocess}) and the domains' fingerprints change with them. A
 * dataset with predefined folds cannot be preprocessed (the folds would no longer align).
 *
 * <p>Each spec is loaded once per instance and kept (the runner and the statistics of a run share
 * the instance, so files are read once); create a new instance to read the files again.
 * Thread-safe.
 * The datasets root is resolved only when a real dataset is asked for.
 */
public final class StandardDatasets implements DatasetProvider {

    /** One domain of a {@code files} dataset: a built-in format id and its files. */
    public record DomainFiles(String format, List<String> files) {
    }

    /** Parameters of the {@code files} dataset type. */
    public record FilesParams(Map<String, DomainFiles> domains, List<String> sources, String target) {
    }

    /** Parameters of the MovieLens 100K reader. */
    public record MovieLensParams(List<String> folds, String directory) {
    }

    /** Parameters of the real cross-domain readers. */
    public record RealParams(String source, String target, String directory) {
    }

    private final Path explicitRoot;
    private final Map<ExperimentConfig.DatasetSpec, LoadedDataset> loaded = new HashMap<>();

    private StandardDatasets(Path explicitRoot) {
        this.explicitRoot = explicitRoot;
    }

    /** @param root datasets root, or null for {@link DatasetLocator#root()} */
    public static StandardDatasets create(Path root) {
        return new StandardDatasets(root);
    }

    @Override
    public synchronized LoadedDataset load(ExperimentConfig.DatasetSpec spec) {
        LoadedDataset d = loaded.get(spec);
        if (d == null) {
            d = loadAndPreprocess(spec);
            loaded.put(spec, d);
        }
        return d;
    }

    private LoadedDataset loadAndPreprocess(ExperimentConfig.DatasetSpec spec) {
        LoadedDataset raw = loadRaw(spec);
        if (spec.preprocess().isEmpty()) {
            return raw;
        }
        String owner = "dataset '" + spec.label() + "'";
        if (raw.predefined() != null) {
            throw new IllegalArgumentException(owner + ": cannot preprocess a dataset with predefined folds "
                    + "(filtering would misalign them)");
        }
        List<PreprocessStep> steps = new ArrayList<>();
        for (ObjectNode node : spec.preprocess()) {
            steps.add(PreprocessSteps.create(owner, node));
        }
        Pipeline pipeline = new Pipeline(steps);
        CrossDomainData data = pipeline.apply(raw.data()).data();
        Map<String, String> fp = new TreeMap<>(raw.fingerprints());
        fp.putAll(domainFingerprints(data));
        fp.put("preprocess", String.join("; ", pipeline.describe()));
        return new LoadedDataset(data, fp);
    }

    private LoadedDataset loadRaw(ExperimentConfig.DatasetSpec spec) {
        String owner = "dataset '" + spec.label() + "' (" + spec.type() + ")";
        try {
            return switch (spec.type()) {
                case "synthetic" -> {
                    var merged = ConfigBinder.merge(owner, SyntheticConfig.defaults(), spec.params());
                    SyntheticConfig cfg = ConfigBinder.bind(owner, merged, SyntheticConfig.class);
                    CrossDomainData data = SyntheticCrossDomain.generate(cfg).data();
                    Map<String, String> fp = domainFingerprints(data);
                    fp.put("config", ConfigBinder.canonicalJson(merged));
                    yield new LoadedDataset(data, fp);
                }
                case "douban" -> {
                    RealParams p = real(owner, spec, DoubanGadtcdr.MUSIC, DoubanGadtcdr.BOOK, DoubanGadtcdr.DIRECTORY);
                    yield fromAssembly(DoubanGadtcdr.assemble(root().resolve(p.directory()), p.source(), p.target()));
                }
                case "amazon-music-movie" -> {
                    RealParams p = real(owner, spec, AmazonMusicMovieNeuCdcf.MOVIE, AmazonMusicMovieNeuCdcf.MUSIC,
                            AmazonMusicMovieNeuCdcf.DIRECTORY);
                    yield fromAssembly(AmazonMusicMovieNeuCdcf.assemble(root().resolve(p.directory()), p.source(),
                            p.target()));
                }
                case "movielens-100k" -> {
                    var merged = ConfigBinder.merge(owner,
                            new MovieLensParams(MovieLens.CROSS_VALIDATION_FOLDS, MovieLens.DIRECTORY_100K), spec.params());
                    MovieLensParams p = ConfigBinder.bind(owner, merged, MovieLensParams.class);
                    MovieLens.MovieLens100k ml = MovieLens.load100k(root().resolve(p.directory()));
                    List<InteractionMatrix> tests = new ArrayList<>();
                    Map<String, String> fp = new TreeMap<>();
                    for (MovieLens.Fold f : ml.folds(p.folds())) {
                        tests.add(f.test());
                        f.fileSha256().forEach((file, sha) -> fp.put("raw:" + file, sha));
                    }
                    fp.put("raw:u.data", ml.uDataSha256());
                    CrossDomainData data = new CrossDomainData(ml.users(), List.of(), ml.domain());
                    fp.putAll(domainFingerprints(data));
                    yield new LoadedDataset(data, fp, new SplitFactory.PredefinedFolds("ml-100k " + p.folds(), tests));
                }
                case "files" -> {
                    var merged = ConfigBinder.merge(owner, new FilesParams(Map.of(), List.of(), ""), spec.params());
                    FilesParams p = ConfigBinder.bind(owner, merged, FilesParams.class);
                    Map<String, RawInteractions> domains = new LinkedHashMap<>();
                    for (Map.Entry<String, DomainFiles> d : new TreeMap<>(p.domains()).entrySet()) {
                        List<Path> files = new ArrayList<>();
                        for (String f : d.getValue().files()) {
                            Path path = Path.of(f);
                            files.add(path.isAbsolute() ? path : root().resolve(path));
                        }
                        domains.put(d.getKey(), Formats.byId(d.getValue().format()).read(files));
                    }
                    yield fromAssembly(CrossDomainAssembler.assemble(domains, p.sources(), p.target()));
                }
                default -> throw new IllegalArgumentException("unknown dataset type '" + spec.type()
                        + "' for dataset '" + spec.label() + "'; known types: [amazon-music-movie, douban, files, "
                        + "movielens-100k, synthetic]");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(owner + ": " + e.getMessage(), e);
        }
    }

    private Path root() throws IOException {
        return explicitRoot != null ? explicitRoot : DatasetLocator.root();
    }

    private static RealParams real(String owner, ExperimentConfig.DatasetSpec spec, String source, String target,
                                   String directory) {
        var merged = ConfigBinder.merge(owner, new RealParams(source, target, directory), spec.params());
        return ConfigBinder.bind(owner, merged, RealParams.class);
    }

    private static LoadedDataset fromAssembly(CrossDomainAssembler.Assembly a) {
        Map<String, String> fp = domainFingerprints(a.data());
        a.fileSha256().forEach((domain, files) -> files.forEach((file, sha) -> fp.put("raw:" + file, sha)));
        return new LoadedDataset(a.data(), fp);
    }

    private static Map<String, String> domainFingerprints(CrossDomainData data) {
        Map<String, String> fp = new TreeMap<>();
        for (DomainData s : data.sources()) {
            fp.put("source:" + s.name(), s.fingerprint());
        }
        fp.put("target:" + data.target().name(), data.target().fingerprint());
        return fp;
    }
}
