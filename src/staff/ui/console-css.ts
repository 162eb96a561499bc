/** The console's whole stylesheet: system fonts, AA contrast, visible focus, works without JS. */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f8a}a:hover{color:#063760}
:focus-visible{outline:3px solid #c25400;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}.skip:focus{left:.5rem}
header.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.5rem 1rem;background:#7a1c1c;color:#fff}
header.top a{color:#fff}
.brand{font-weight:700;font-size:1.1rem;margin:0}
nav ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
nav a[aria-current=page]{text-decoration:underline 3px}
.who{display:flex;gap:.75rem;align-items:center;font-size:.95rem}
main{padding:1rem;max-width:80rem;margin:0 auto}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border-bottom:1px solid #c8c8c8;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f1f1}
caption{text-align:left;font-weight:600;padding:.25rem 0}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin-bottom:1rem}
label{display:block;font-weight:600;font-size:.9rem}
input,select,textarea,button{font:inherit}
input,select,textarea{border:1px solid #595959;border-radius:3px;padding:.3rem .4rem;max-width:100%}
textarea{width:100%}
.check label{display:inline;font-weight:400}
button,.button{background:#0b4f8a;color:#fff;border:0;border-radius:3px;padding:.4rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#0b4f8a;border:1px solid #0b4f8a}
header.top button{background:#fff;color:#7a1c1c}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e8e8e8;color:#1b1b1b;font-size:.85rem}
.overdue{background:#8a1111;color:#fff}.due{background:#fff3cd;color:#5c3b00;border:1px solid #8a6100}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.site-search{display:flex;gap:.4rem;align-items:center}.site-search label{color:#fff}.site-search input{width:16rem}
td.excerpt{max-width:22rem;font-size:.9rem}
fieldset.bulk{margin-top:1rem}
tr.about td{background:#fff8e1}section.registry{margin-top:1rem}:target{outline:3px solid #c25400}
.keys{font-size:.9rem}kbd{border:1px solid #595959;border-radius:3px;padding:0 .3rem;font:inherit;font-size:.85rem}.urgent{background:#a33b00;color:#fff}
.alert{border-left:4px solid #8a1111;background:#fbeaea;padding:.5rem .75rem}
.notice{border-left:4px solid #1f6b2e;background:#e9f5ec;padding:.5rem .75rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))}
.card{border:1px solid #c8c8c8;border-radius:4px;padding:.75rem}.card h2{margin-top:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.muted{color:#4a4a4a}
ol.history{padding-left:1.25rem}ol.history li{margin-bottom:.5rem}
.login{max-width:24rem;margin:3rem auto}
.login input{width:100%;margin-bottom:.75rem}
.stat{font-size:1.6rem;font-weight:700}
ul.tasks li{margin:.5rem 0;font-size:1.1rem}
.prefill{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
fieldset{border:1px solid #c8c8c8;border-radius:4px;margin:1rem 0}
.receipt{border:2px solid #1b1b1b;padding:1rem;max-width:40rem}
.receipt .code{font-size:1.3rem;font-weight:700}
.receipt.bilingual{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem;max-width:60rem}
.receipt h3{font-size:1rem;margin:.75rem 0 .25rem}
svg.chart{display:block;width:100%;height:auto;max-width:48rem}svg.chart.map{max-width:34rem;max-height:44rem;float:left;margin-right:1rem}
.map-side{overflow:hidden}.map-side svg.legend{display:block;width:13rem;height:auto}.chart-card details{clear:both}.chart-card details{margin-top:.5rem}
@media print{.filters{display:none!important}.chart-card{break-inside:avoid}.chart-card details>*{display:block}svg.chart{max-height:none}}
@media print{header.top,.skip,.no-print{display:none!important}main{padding:0;max-width:none}.receipt{border:0;max-width:none}.receipt.bilingual{grid-template-columns:1fr 1fr}.receipt-col+.receipt-col{border-left:1px solid #000;padding-left:1rem}body{font-size:11pt}a{color:#000}@page{size:A4;margin:15mm}}
.tabs{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0}
form.inline{display:inline}
p.error{border-left:4px solid #a4161a;background:#fbeaea;padding:.5rem .75rem}
.studio-controls{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center}
`;
