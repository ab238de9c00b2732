package dev.crossfade.cli.drill;

/** The report's inline stylesheet; system fonts only, nothing to download. */
final class HtmlStyle {

    private HtmlStyle() {}

    static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   margin: 24px 32px; color: #1d2330; background: #fafbfc; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 28px 0 8px; color: #30638e; }
            .lead, .note { color: #4a5568; font-size: 14px; margin: 4px 0; }
            .cards { display: flex; gap: 12px; margin: 16px 0; flex-wrap: wrap; }
            .card { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; padding: 10px 16px; min-width: 130px; }
            .card .value { font-size: 20px; font-weight: 600; }
            .card .label { font-size: 12px; color: #6b7280; }
            .modelled .card { border-style: dashed; background: #fbfaf4; }
            .result-succeeded { color: #2f855a; }
            .result-failed, .result-aborted { color: #c53030; }
            svg { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; display: block; }
            svg text { font-size: 12px; fill: #1d2330; }
            .tick { stroke: #e2e8f0; }
            .tick-label { fill: #6b7280; text-anchor: middle; }
            .phase-label { text-anchor: end; font-weight: 600; }
            svg text.inside { fill: #ffffff; font-weight: 600; }
            .region-label { font-weight: 600; }
            .badge { font-size: 11px; fill: #ffffff; }
            table { border-collapse: collapse; font-size: 13px; background: #ffffff; }
            th, td { border: 1px solid #dde3ea; padding: 4px 10px; text-align: left; }
            th { background: #f1f4f8; }
            .events { font-size: 13px; padding-left: 0; list-style: none; }
            .events .at { color: #6b7280; font-family: "DejaVu Sans Mono", monospace; }
            footer { margin-top: 28px; font-size: 12px; color: #9aa5b1; }
            """;
}
