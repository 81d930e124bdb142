package org.rectransfer.datasets.registry;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Cards of the standard data sets. SHA-256 and sizes appear only for files a copy of which is
 * under the shared data set root (computed there with {@code sha256sum}); those files' URLs are
 * the exact sources named in each data set's PROVENANCE.md (repository and commit), so the
 * recorded hash is that of the bytes at the URL. Every other file is unverified
 * ({@link FileEntry#sha256()} {@code null}) and {@link DatasetDownloader} refuses it unless
 * unverified files are explicitly allowed. URLs of unverified files are those published on the
 * official pages; they were not fetched while writing this registry. Stateless and thread-safe.
 */
public final class DatasetRegistry {

    private static final String GROUPLENS = "https://files.grouplens.org/datasets/movielens/";
    private static final String ML_LICENCE = "GroupLens usage licence (README of each release): research use; no "
            + "endorsement implied; acknowledge use in publications; no redistribution without separate permission; no "
            + "commercial use without permission.";
    private static final String ML_CITATION = "F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: "
            + "History and Context. ACM TiiS 5, 4, Article 19.";
    private static final String FILMTRUST_RAW =
            "https://raw.githubusercontent.com/guoguibing/librec/296082c072ce7d973ebfccde793e59062d8a3add/data/filmtrust/";
    private static final String LASTFM_RAW =
            "https://raw.githubusercontent.com/yangjiera/LibMF/c8b9b861fa902c99e4764f7408e2881dd7c39399/dataset/Last.fm/";
    private static final String DOUBAN_RAW =
            "https://raw.githubusercontent.com/fengzhu1/GA-DTCDR/11a1dc6fda5148c8b1ce412ed4e2f0c4f124e2d0/Data/";

    private static final Map<String, DatasetCard> CARDS = new LinkedHashMap<>();

    static {
        add(new DatasetCard("movielens-100k", "MovieLens 100K: 100,000 ratings 1-5 by 943 users on 1,682 movies, with "
                + "the published u1-u5 and ua/ub splits. Checksums are of the extracted files (shared copy).",
                URI.create("https://grouplens.org/datasets/movielens/100k/"),
                List.of(FileEntry.unverified("ml-100k.zip", GROUPLENS + "ml-100k.zip"),
                        FileEntry.verified("u.data", null, 1_979_173L,
                                "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490"),
                        FileEntry.verified("u.item", null, 236_344L,
                                "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701"),
                        FileEntry.verified("u.user", null, 22_628L,
                                "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c")),
                ML_LICENCE, ML_CITATION, "movielens-100k"));
        movieLens("movielens-1m", "ml-1m", "MovieLens 1M: 1,000,209 ratings 1-5 by 6,040 users on 3,706 movies "
                + "(ratings.dat, '::'-separated).", "1m", "movielens-dat");
        movieLens("movielens-10m", "ml-10m", "MovieLens 10M: about 10 million half-star ratings (ml-10M100K/ratings.dat, "
                + "'::'-separated).", "10m", "movielens-dat");
        movieLens("movielens-20m", "ml-20m", "MovieLens 20M: about 20 million half-star ratings (ratings.csv).", "20m",
                "movielens-csv");
        movieLens("movielens-25m", "ml-25m", "MovieLens 25M: about 25 million half-star ratings (ratings.csv).", "25m",
                "movielens-csv");
        movieLens("movielens-latest-small", "ml-latest-small", "MovieLens latest-small: about 100,000 half-star ratings "
                + "(ratings.csv); changes over time.", "latest", "movielens-csv");
        add(new DatasetCard("amazon-2014-movies-music", "Amazon product data 2014 (McAuley et al.), ratings-only CSV of "
                + "the Movies and TV and CDs and Vinyl categories (user,item,rating,timestamp).",
                URI.create("https://jmcauley.ucsd.edu/data/amazon/index_2014.html"),
                List.of(FileEntry.unverified("ratings_Movies_and_TV.csv",
                                "http://snap.stanford.edu/data/amazon/productGraph/categoryFiles/ratings_Movies_and_TV.csv"),
                        FileEntry.unverified("ratings_CDs_and_Vinyl.csv",
                                "http://snap.stanford.edu/data/amazon/productGraph/categoryFiles/ratings_CDs_and_Vinyl.csv")),
                "Stated on the official page: for research purposes; cite the papers below.",
                "R. He, J. McAuley. Ups and downs: Modeling the visual evolution of fashion trends with one-class "
                        + "collaborative filtering. WWW 2016; J. McAuley, C. Targett, J. Shi, A. van den Hengel. "
                        + "Image-based recommendations on styles and substitutes. SIGIR 2015.",
                "amazon-ratings-csv-2014"));
        add(new DatasetCard("amazon-2018-movies-music", "Amazon review data 2018 (Ni et al.), ratings-only CSV of the "
                + "Movies and TV and CDs and Vinyl categories (item,user,rating,timestamp).",
                URI.create("https://nijianmo.github.io/amazon/index.html"),
                List.of(FileEntry.unverified("Movies_and_TV.csv",
                                "https://jmcauley.ucsd.edu/data/amazon_v2/categoryFilesSmall/Movies_and_TV.csv"),
                        FileEntry.unverified("CDs_and_Vinyl.csv",
                                "https://jmcauley.ucsd.edu/data/amazon_v2/categoryFilesSmall/CDs_and_Vinyl.csv")),
                "Stated on the official page: for research purposes; cite the paper below.",
                "J. Ni, J. Li, J. McAuley. Justifying recommendations using distantly-labeled reviews and fine-grained "
                        + "aspects. EMNLP 2019.", "amazon-ratings-csv-2018"));
        add(new DatasetCard("douban-gadtcdr", "Douban book and music ratings over shared users, as published with "
                + "GA-DTCDR (checksums of the shared copy, see douban-gadtcdr/PROVENANCE.md).",
                URI.create("https://github.com/fengzhu1/GA-DTCDR"),
                List.of(FileEntry.verified("douban_book_ratings.dat", DOUBAN_RAW + "douban_book/ratings.dat", 1_116_081L,
                                "cc1c191fabe2e05e95cd6dbe7be19d13ed3e1b27b80be2050e4f6b4e40945ddd"),
                        FileEntry.verified("douban_music_ratings.dat", DOUBAN_RAW + "douban_music/ratings.dat", 811_063L,
                                "40944be25f79e6cf80ab9acf0dca8f4b9b9fe2724a068702294608883ad46775")),
                "Repository licence GPL-3.0 (for the repository); README: \"If you want to use our code or dataset, you "
                        + "should cite the following papers (at least one paper) in your submissions.\"",
                "F. Zhu, Y. Wang, C. Chen, G. Liu, X. Zheng. A Graphical and Attentional Framework for Dual-Target "
                        + "Cross-Domain Recommendation. IJCAI 2020.", "douban-gadtcdr"));
        add(new DatasetCard("book-crossing", "Book-Crossing: 1,149,780 ratings 0-10 (0 = implicit) of books by users of "
                + "bookcrossing.com (BX-Book-Ratings.csv in the CSV dump).",
                URI.create("http://www2.informatik.uni-freiburg.de/~cziegler/BX/"),
                List.of(FileEntry.unverified("BX-CSV-Dump.zip",
                        "http://www2.informatik.uni-freiburg.de/~cziegler/BX/BX-CSV-Dump.zip")),
                "Stated on the official page: freely available for research use when acknowledged with the citation below.",
                "C.-N. Ziegler, S. M. McNee, J. A. Konstan, G. Lausen. Improving Recommendation Lists Through Topic "
                        + "Diversification. WWW 2005.", "bookcrossing-ratings"));
        add(new DatasetCard("filmtrust", "FilmTrust ratings (0.5-4.0) and directed trust links, LibRec copy "
                + "(checksums of the shared copy, see filmtrust/PROVENANCE.md).",
                URI.create("https://github.com/guoguibing/librec/tree/296082c072ce7d973ebfccde793e59062d8a3add/data/filmtrust"),
                List.of(FileEntry.verified("rating/ratings_0.txt", FILMTRUST_RAW + "rating/ratings_0.txt", 129_045L,
                                "cafa37f1b848a03fc7386c66474679c6e5d96eaf718e4818039201843ffa0b6b"),
                        FileEntry.verified("rating/ratings_1.txt", FILMTRUST_RAW + "rating/ratings_1.txt", 1_535L,
                                "61a1d503f60933a190b61a87390617bbdbabd93acc0710b22cece560febca914"),
                        FileEntry.verified("rating/ratings_2.txt", FILMTRUST_RAW + "rating/ratings_2.txt", 200_977L,
                                "970d371db2c51a079469bafe034f3fda145b509ff6f9021b596c3bfabffb80de"),
                        FileEntry.verified("rating/ratings_3.txt", FILMTRUST_RAW + "rating/ratings_3.txt", 73_248L,
                                "86e31a869eef1f8667217447f867436efc3bf32c05ff396902427dd5be01d3bd"),
                        FileEntry.verified("trust/trust.txt", FILMTRUST_RAW + "trust/trust.txt", 21_464L,
                                "8e2013750bb0fe3f4fd9810185420423a744f8b20f7888b73e10cab3b3479fde")),
                "No data licence stated; LibRec (the software) is GPL-3.0. The data was extracted from FilmTrust "
                        + "(http://trust.mindswap.org/FilmTrust/).",
                "G. Guo, J. Zhang, N. Yorke-Smith. A Novel Bayesian Similarity Measure for Recommender Systems. IJCAI 2013.",
                "filmtrust-ratings"));
        add(new DatasetCard("lastfm-hetrec2011-2k", "HetRec 2011 Last.fm 2K: 92,834 user-artist listening counts of "
                + "1,892 users, and friendships (checksums of the shared copy, see lastfm-hetrec2011-2k/PROVENANCE.md; "
                + "the official zip is unverified).",
                URI.create("https://grouplens.org/datasets/hetrec-2011/"),
                List.of(FileEntry.unverified("hetrec2011-lastfm-2k.zip",
                                "https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip"),
                        FileEntry.verified("user_artists.dat", LASTFM_RAW + "user_artists.dat", 1_296_455L,
                                "001400dc3c7d2667fca6e4ea6dc6acc31a9dd28ad5cd0f74cea988c019934d3b"),
                        FileEntry.verified("user_friends.dat", LASTFM_RAW + "user_friends.dat", 251_565L,
                                "9a3a8f7fa5f5ec832335e5b58ed69a4cf27c6f6f6afcde62134810eea46445a7"),
                        FileEntry.verified("artists.dat", LASTFM_RAW + "artists.dat", 1_925_879L,
                                "c173881362c6b28551368fecb3c0be5a6a30a6cd859e1f5775413dfe46d48648"),
                        FileEntry.verified("tags.dat", LASTFM_RAW + "tags.dat", 234_468L,
                                "e95175f259be4c0c47644ae23d66131cd6d5767142a1405000e79f5584691d70")),
                "readme.txt: made available for non-commercial use; commercial use needs Last.fm's permission.",
                "Last.fm website, http://www.lastfm.com; I. Cantador, P. Brusilovsky, T. Kuflik. HetRec 2011 workshop, "
                        + "RecSys 2011.", "hetrec-lastfm-user-artists"));
        add(new DatasetCard("netflix-prize", "Netflix Prize training set: about 100 million ratings 1-5 of 17,770 movies. "
                + "No official download remains; place the files by hand.",
                URI.create("https://www.netflixprize.com/"),
                List.of(FileEntry.unverified("combined_data_1.txt", null), FileEntry.unverified("combined_data_2.txt", null),
                        FileEntry.unverified("combined_data_3.txt", null), FileEntry.unverified("combined_data_4.txt", null)),
                "Netflix Prize rules; the data is no longer distributed by Netflix.",
                "J. Bennett, S. Lanning. The Netflix Prize. KDD Cup and Workshop 2007.", "netflix-prize"));
        add(new DatasetCard("ciao-tang", "Ciao ratings and trust (J. Tang), exported from rating.mat to text; place by hand.",
                URI.create("https://www.cse.msu.edu/~tangjili/datasetcode/truststudy.htm"),
                List.of(FileEntry.unverified("rating.txt", null), FileEntry.unverified("trustnetwork.txt", null)),
                "As stated on the official page (research use, cite the papers).",
                "J. Tang, H. Gao, H. Liu. mTrust: Discerning multi-faceted trust in a connected world. WSDM 2012.",
                "tang-rating-mat"));
        add(new DatasetCard("epinions-tang", "Epinions ratings with timestamps and trust (J. Tang), exported from "
                + "rating_with_timestamp.mat to text; place by hand.",
                URI.create("https://www.cse.msu.edu/~tangjili/datasetcode/truststudy.htm"),
                List.of(FileEntry.unverified("rating_with_timestamp.txt", null),
                        FileEntry.unverified("trustnetwork.txt", null)),
                "As stated on the official page (research use, cite the papers).",
                "J. Tang, H. Gao, H. Liu, A. Das Sarma. eTrust: Understanding trust evolution in an online world. KDD 2012.",
                "tang-rating-timestamp-mat"));
    }

    private DatasetRegistry() {
    }

    private static void movieLens(String id, String zip, String description, String page, String format) {
        add(new DatasetCard(id, description, URI.create("https://grouplens.org/datasets/movielens/" + page + "/"),
                List.of(FileEntry.unverified(zip + ".zip", GROUPLENS + zip + ".zip")), ML_LICENCE, ML_CITATION, format));
    }

    private static void add(DatasetCard card) {
        if (CARDS.put(card.id(), card) != null) {
            throw new ExceptionInInitializerError("duplicate card id " + card.id());
        }
    }

    /** Every card, in a fixed order. */
    public static List<DatasetCard> cards() {
        return List.copyOf(CARDS.values());
    }

    /**
     * The card {@code id}.
     *
     * @throws NoSuchElementException naming the known ids
     */
    public static DatasetCard card(String id) {
        DatasetCard c = CARDS.get(id);
        if (c == null) {
            throw new NoSuchElementException("unknown data set '" + id + "'; known: " + CARDS.keySet());
        }
        return c;
    }
}
