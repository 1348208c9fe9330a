package dev.berth.daemon.api;

/** The Engine API versions this daemon speaks; clients negotiate down from {@link #CURRENT}. */
public final class ApiVersions {
    /** The newest version answered; docker-java 3.5 and the docker CLI both negotiate to it or below. */
    public static final String CURRENT = "1.43";
    /** The oldest version accepted. */
    public static final String MINIMUM = "1.24";

    private ApiVersions() {
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
