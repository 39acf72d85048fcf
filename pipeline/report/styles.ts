// The page's stylesheet, with DejaVu Sans inlined as woff2 data URLs (the project's font, never a
// system one; no file or network fetch), and a print stylesheet: no controls, tables unclipped.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

function fontFace(weight: number): string {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve("@fontsource/dejavu-sans/package.json")), "files");
  const b64 = readFileSync(join(dir, `dejavu-sans-latin-${weight}-normal.woff2`)).toString("base64");
  return `@font-face{font-family:"DejaVu Sans";font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${b64}) format("woff2")}`;
}

const CSS = `
:root{--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--accent:#045a8d;--bg:#fff;--missing:#fff4e0}
*{box-sizing:border-box}
html{font-family:"DejaVu Sans",sans-serif;font-size:15px;line-height:1.5;color:var(--ink);background:var(--bg)}
body{margin:0}
header.top,main,footer{max-width:1180px;margin:0 auto;padding:0 1.2rem}
header.top h1{font-size:1.7rem;margin:1.2rem 0 .2rem}
.subtitle{color:var(--muted);margin:0 0 .6rem}
nav.toc ul{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0;margin:.4rem 0 1rem}
a{color:var(--accent)}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem;z-index:10}
h2{font-size:1.35rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;margin-top:2.4rem}
h3{font-size:1.08rem;margin-top:1.6rem}
:focus-visible{outline:3px solid #e66100;outline-offset:2px}
.missing{background:var(--missing);border-left:4px solid #e66100;padding:.5rem .8rem}
.lede{font-size:1.05rem}
.verdict{border:2px solid var(--accent);padding:.4rem 1rem;border-radius:4px}
.verdict .en{color:var(--muted);font-style:italic}
figure{margin:1rem 0}
.maps{display:grid;grid-template-columns:1fr;gap:1rem}
@media(min-width:1000px){.maps{grid-template-columns:1fr 1fr}}
svg{max-width:100%;height:auto}
svg.district-map{background:#fafafa;border:1px solid var(--line)}
.district-map .districts path{stroke:#fff;stroke-width:.8;cursor:pointer}
.district-map .districts path:hover,.district-map .districts path:focus{stroke:#e66100;stroke-width:2.5}
.district-map .outlines path{fill:none;stroke:#222;stroke-width:1.4;pointer-events:none}
.district-map .cameras circle{fill:#b30000;stroke:#fff;stroke-width:.6;cursor:pointer}
.district-map .numbers text{font-size:15px;font-weight:700;fill:#111;stroke:#fff;stroke-width:3px;paint-order:stroke;text-anchor:middle;dominant-baseline:middle;pointer-events:none}
.rendered-map svg{border:1px solid var(--line)}
.legend ul{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;padding:0;margin:.2rem 0}
.legend figcaption{font-weight:700}
.swatch{display:inline-block;width:1.1em;height:1.1em;border:1px solid #999;vertical-align:-.2em;margin-right:.3em}
.swatch.dot{border-radius:50%;width:.7em;height:.7em;background:#b30000;border-color:#fff;outline:1px solid #b30000}
#cc-tip{position:absolute;z-index:20;max-width:22rem;background:#fff;border:1px solid #333;box-shadow:0 2px 8px rgba(0,0,0,.25);padding:.4rem .6rem;font-size:.86rem;pointer-events:none}
.table-tools{display:flex;gap:1rem;align-items:center;margin:.6rem 0}
input,select,button{font:inherit}
.scroll{overflow:auto;max-height:32rem;border:1px solid var(--line)}
table{border-collapse:collapse;font-size:.86rem}
caption{text-align:left;font-weight:700;padding:.3rem 0}
th,td{padding:.25rem .5rem;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#f2f2f2}
.scroll thead th{position:sticky;top:0}
thead th button{all:unset;cursor:pointer;display:block}
thead th button:focus-visible{outline:3px solid #e66100}
th[aria-sort=ascending] .arrow::after{content:" ▲"}
th[aria-sort=descending] .arrow::after{content:" ▼"}
table.plain{margin:.6rem 0}
.compare .rank{color:var(--muted);font-size:.8em}
.compare td.city{background:#f2f7fb}
#cmp-list{display:flex;gap:.5rem;flex-wrap:wrap;list-style:none;padding:0}
#cmp-list li{background:#eef3f8;border:1px solid var(--line);border-radius:1rem;padding:0 .3rem 0 .7rem}
#cmp-list button{border:0;background:none;cursor:pointer;font-size:1.1em}
code{font-size:.9em}
code.hash{word-break:break-all;font-size:.78em;color:var(--muted)}
.provenance td.files{min-width:22rem}
.provenance ul{margin:0;padding-left:1rem}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.kv dt{font-weight:700}dl.kv dd{margin:0}
.chart{background:#fff;max-width:680px;display:block}
.chart .ref{stroke:#777;stroke-dasharray:4 3}
.chart .ci{stroke:var(--accent);stroke-width:2}
.chart .est{fill:var(--accent)}
.chart .band{fill:#bdc9e1}
.chart .obs{stroke:#b30000;stroke-width:3}
.chart .median{stroke:#1b1b1b;stroke-width:1.5}
.chart .ci-p{stroke:#888;stroke-width:1.5}
.chart .est-p{fill:#fff;stroke:#555;stroke-width:1.5}
.note{color:var(--muted);font-size:.9rem}
tr.total th,tr.total td{border-top:2px solid var(--line);font-weight:700}
.chart .obs-line{fill:none;stroke:#b30000;stroke-width:2}
.chart .axis{stroke:#333}
.chart text{font-size:12px;fill:#222}
footer{color:var(--muted);font-size:.85rem;margin-top:3rem;padding-bottom:2rem}
summary{cursor:pointer}summary>h3{display:inline}
.rendered-map figcaption .cap-line{display:block;font-size:.9rem;color:var(--muted)}
@media print{
  html{font-size:10pt}
  nav.toc,.table-tools,#comparaison form,.skip,#cc-tip{display:none!important}
  .scroll{max-height:none;overflow:visible;border:0}
  thead th{position:static}
  details{display:block}details>summary{list-style:none}
  section{break-inside:auto}figure,tr{break-inside:avoid}
  a{color:inherit;text-decoration:none}
  .maps{grid-template-columns:1fr}
}
`;

export function pageCss(): string {
  return fontFace(400) + fontFace(700) + CSS;
}
