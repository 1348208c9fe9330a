package dev.berth.cli.ps;

import java.time.Duration;

/** A duration as Docker words it in container statuses: "Less than a second", "5 seconds", "About an hour". */
final class HumanDuration {

    private HumanDuration() {
    }

    static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "Less than a second";
        }
        if (s == 1) {
            return "1 second";
        }
        if (s < 60) {
            return s + " seconds";
        }
        long m = s / 60;
        if (m == 1) {
            return "About a minute";
        }
        if (m < 60) {
            return m + " minutes";
        }
        long h = Math.round(s / 3600.0);
        if (h == 1) {
            return "About an hour";
        }
        if (h < 48) {
            return h + " hours";
        }
        long days = h / 24;
        if (days < 14) {
            return days + " days";
        }
        if (days < 60) {
            return days / 7 + " weeks";
        }
        return days < 365 * 2 ? days / 30 + " months" : days / 365 + " years";
    }
}
