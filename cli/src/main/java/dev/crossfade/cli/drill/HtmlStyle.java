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
            td { overflow-wrap: anywhere; }
            @media print {
              @page { size: A4; margin: 12mm; }
              html, body { background: #ffffff; margin: 0; overflow: visible; height: auto; }
              * { overflow: visible !important; max-height: none !important; }
              .cards { display: block; }
              .card { display: inline-block; margin: 0 8px 8px 0; break-inside: avoid; page-break-inside: avoid; }
              h1, h2 { break-after: avoid; page-break-after: avoid; }
              svg { max-width: 100%; height: auto; break-inside: avoid; page-break-inside: avoid; }
              table { width: 100%; table-layout: fixed; page-break-inside: auto; }
              thead { display: table-header-group; }
              tr { break-inside: avoid; page-break-inside: avoid; }
              th, td { white-space: normal; word-break: break-word; overflow-wrap: anywhere; }
              .events li { break-inside: avoid; page-break-inside: avoid; overflow-wrap: anywhere; }
              footer { break-before: avoid; }
            }
            """;
}
