package dev.crossfade.bench;

import java.util.List;

/**
 * One row of BENCHMARKS.md: what was measured, the figure, the target and whether it was met.
 *
 * @param verdict MET or MISSED against the target; INFO for context rows without a target;
 *                NOT_MEASURED with the reason in {@code note}
 */
public record Figure(String name, String value, String target, Verdict verdict, String note) {

    public enum Verdict { MET, MISSED, INFO, NOT_MEASURED }

    public static Figure against(String name, String value, String target, boolean met, String note) {
        return new Figure(name, value, target, met ? Verdict.MET : Verdict.MISSED, note);
    }

    public static Figure info(String name, String value, String note) {
        return new Figure(name, value, "-", Verdict.INFO, note);
    }

    public static Figure notMeasured(String name, String target, String reason) {
        return new Figure(name, "not measured yet", target, Verdict.NOT_MEASURED, reason);
    }

    /** A Markdown table; pipes inside cells are escaped so a note cannot break a row. */
    public static String table(List<Figure> figures) {
        StringBuilder b = new StringBuilder("| figure | value | target | verdict | note |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(cell(f.name())).append(" | ").append(cell(f.value())).append(" | ").append(cell(f.target()))
                    .append(" | ").append(f.verdict().name().toLowerCase().replace('_', ' ')).append(" | ").append(cell(f.note())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
