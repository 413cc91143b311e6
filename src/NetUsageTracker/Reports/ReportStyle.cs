namespace NetUsageTracker.Reports
{
    /// <summary>The report's style sheet: light and dark schemes, print, narrow screens. Inline, so nothing is fetched.</summary>
    internal static class ReportStyle
    {
        public const string Css = @"
:root{color-scheme:light dark;--bg:#fbfbfd;--fg:#1b2330;--muted:#5f6b7c;--card:#fff;--line:#e2e6ee;--grid:#e9ecf2;
--rx:#2f6fd6;--tx:#ec8a2f;--ok:#2e9d62;--warn:#d99a1e;--over:#d9443f;--track:#e9edf4;
font:15px/1.45 system-ui,-apple-system,""Segoe UI"",Roboto,""Helvetica Neue"",Arial,sans-serif}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e4e8ef;--muted:#98a2b3;--card:#191d23;--line:#2a3039;--grid:#242a32;
--rx:#5b97f5;--tx:#f2a25a;--ok:#48c07f;--warn:#e8b341;--over:#f0665f;--track:#262c35}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg)}
main{max-width:980px;margin:0 auto;padding:28px 20px 40px}
h1{font-size:1.7rem;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:1.3rem;margin:34px 0 6px;padding-top:18px;border-top:1px solid var(--line)}
h3{font-size:1.1rem;margin:22px 0 10px}
h4{font-size:.95rem;margin:0 0 6px;font-weight:600}
.meta,.muted,.note{color:var(--muted)}
.meta{margin:0 0 10px;font-size:.9rem}
code{font:.88em ui-monospace,""Cascadia Mono"",""DejaVu Sans Mono"",Menlo,Consolas,monospace;background:var(--track);padding:1px 5px;border-radius:4px}
.legend{margin:6px 0 0;font-size:.9rem}
.key{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 5px 0 0;vertical-align:-1px}
.key.r{background:var(--rx)}.key.s{background:var(--tx);margin-left:6px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.summary{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:14px;align-items:start}
.quota .big{font-size:1.35rem;margin:2px 0 4px;font-variant-numeric:tabular-nums}
.quota .pct{float:right;font-weight:600}
.quota.ok .pct{color:var(--ok)}.quota.warn .pct{color:var(--warn)}.quota.over .pct{color:var(--over)}
.quota dl{display:grid;grid-template-columns:auto 1fr;gap:3px 14px;margin:6px 0 0;font-size:.92rem}
.quota dt{color:var(--muted)}.quota dd{margin:0;font-variant-numeric:tabular-nums}
.gauge{width:100%;height:auto;display:block}
.gauge .track{fill:var(--track)}.gauge text{font-size:13px}
.gauge .used{fill:var(--ok)}.warn .gauge .used{fill:var(--warn)}.over .gauge .used{fill:var(--over)}
.gauge .limit{stroke:var(--fg);stroke-width:2}
.gauge .forecast{stroke:var(--fg);stroke-width:2;stroke-dasharray:3 2;opacity:.7}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;text-align:right;white-space:nowrap}
th:first-child{text-align:left}
thead th{font-size:.8rem;font-weight:600;color:var(--muted);border-bottom:1px solid var(--line)}
tbody tr+tr th,tbody tr+tr td{border-top:1px solid var(--grid)}
table.totals{padding:8px 10px}
caption{caption-side:bottom;text-align:left;font-size:.8rem;padding-top:6px;color:var(--muted)}
table.fleet :is(th,td):nth-child(2){text-align:left;white-space:normal}
.pct.ok{color:var(--ok)}.pct.warn{color:var(--warn)}.pct.over{color:var(--over)}
.fleet a{color:inherit}
figure.chart{margin:18px 0 0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px 8px}
figcaption{font-size:.92rem;margin-bottom:4px}
figcaption .t{font-weight:600}
figure svg{width:100%;height:auto;display:block}
svg text{font-size:11px;fill:var(--muted);font-variant-numeric:tabular-nums}
.grid line{stroke:var(--grid);stroke-width:1;shape-rendering:crispEdges}
.xaxis .base{stroke:var(--muted);stroke-width:1;shape-rendering:crispEdges}
.bars rect{shape-rendering:crispEdges}
.bars rect{fill:var(--rx)}.bars rect+rect{fill:var(--tx)}
tr.day th{padding-top:8px;color:var(--muted);font-weight:600}
.bars g:hover rect{opacity:.75}
svg text.none{font-size:14px}
details.data{margin:4px 0 2px;font-size:.85rem}
details.data summary{cursor:pointer;color:var(--muted)}
details.data table{margin:6px 0}
details.data caption{caption-side:top;padding:0 0 4px}
details.view{margin-top:18px;border-top:1px solid var(--line);padding-top:4px}
details.view>summary{cursor:pointer;list-style-position:outside}
details.view>summary h3{display:inline;margin:0}
details.view>summary+*{margin-top:12px}
.empty ul{margin:6px 0 0;padding-left:20px}
footer.page{margin-top:36px;font-size:.8rem;color:var(--muted)}
@media (max-width:640px){main{padding:16px 12px}svg text{font-size:15px}.summary{grid-template-columns:1fr}th,td{padding:3px 5px}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--line:#bbb;--grid:#ddd;--track:#eee}
main{max-width:none;padding:0}details.data{display:none}figure.chart,.card,section.view{break-inside:avoid}
section.machine+section.machine{break-before:page}.bars g:hover rect{opacity:1}}
";
    }
}
