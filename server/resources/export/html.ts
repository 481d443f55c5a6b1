import type { Inline, PrintBlock, PrintPoint } from './printBlocks.ts';
import {
  CLOSED_MARK,
  CLOSED_NOTICE,
  WITHHELD_TEXT,
  metaLines,
  personLine,
  type PrintModel,
} from './printModel.ts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Runs as HTML: links as <a> (their address is checked in the print model). */
const inlineHTML = (runs: Inline) =>
  runs.map((r) => (r.href ? `<a href="${esc(r.href)}">${esc(r.text)}</a>` : esc(r.text))).join('');

function pointHTML(point: PrintPoint): string {
  const sub = point.sub.length
    ? `<ol type="a">${point.sub.map((s) => `<li>${inlineHTML(s)}</li>`).join('')}</ol>`
    : '';
  return `<li>${inlineHTML(point.text)}${sub}</li>`;
}

function blockHTML(block: PrintBlock): string {
  if ('paragraph' in block)
    return block.paragraph.length ? `<p>${inlineHTML(block.paragraph)}</p>` : '';
  if ('points' in block) {
    const start = block.start && block.start !== 1 ? ` start="${block.start}"` : '';
    return `<ol${start}>${block.points.map(pointHTML).join('')}</ol>`;
  }
  return `<ul>${block.bullets.map((b) => `<li>${inlineHTML(b)}</li>`).join('')}</ul>`;
}

const STYLE = `
body{font-family:Calibri,'Segoe UI',Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1.5rem;color:#111;line-height:1.45}
h1{font-size:1.7rem;margin:0}
.forum{font-size:1.25rem;margin:.2rem 0 1rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1.5rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0}
h2{font-size:1.2rem;margin:1.8rem 0 .4rem;border-bottom:1px solid #999;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .2rem}
h4{font-size:.95rem;margin:.6rem 0 .1rem}
@counter-style paren-alpha{system:extends lower-alpha;suffix:") "}
ol[type=a]{list-style-type:paren-alpha}
.presenter{font-style:italic;margin:.1rem 0 .4rem}
ul.people{margin:.2rem 0;padding-left:1.2rem}
.withheld{font-style:italic}
.stamp{margin-top:2rem;border:2px solid #047857;padding:.8rem 1rem}
.stamp code{font-size:.8rem;word-break:break-all}
.public{background:#f3f4f6;padding:.4rem .8rem}
.closed-notice,.closed-mark{color:#b91c1c;font-weight:700}
.closed-notice{border:2px solid #b91c1c;padding:.4rem .8rem}
.closed-mark{margin:.1rem 0 .4rem}
h2,h3,h4,.presenter,.closed-mark{break-after:avoid;page-break-after:avoid;break-inside:avoid}
@media print{body{margin:0;max-width:none}}
`;
/** In print, every page of a version holding closed items says so at its top. */
const CLOSED_PAGE_STYLE = `@page{@top-center{content:"${CLOSED_NOTICE}";color:#b91c1c;font-weight:700;font-size:9pt}}`;

/** A standalone, printable HTML page laid out like the published minutes. */
export function renderHTML(m: PrintModel): string {
  const groups = (list: PrintModel['groups']) =>
    list
      .map(
        (g) =>
          `<h3>${esc(g.organisation || 'Øvrige')}</h3><ul class="people">${g.participants
            .map((p) => `<li>${esc(personLine(p))}</li>`)
            .join('')}</ul>`,
      )
      .join('');
  const items = m.items
    .map((item) => {
      if (item.withheld) {
        return `<section><h2>${item.number}. Lukket punkt</h2><p class="withheld">${esc(WITHHELD_TEXT)}</p></section>`;
      }
      const sections = item.sections
        .map((s) => `<h3>${esc(s.label)}</h3>${s.blocks.map(blockHTML).join('')}`)
        .join('');
      const presenter = item.presenter ? `<p class="presenter">v. ${esc(item.presenter)}</p>` : '';
      const closed = item.closed ? `<p class="closed-mark">${esc(CLOSED_MARK)}</p>` : '';
      return `<section${item.closed ? ' class="closed"' : ''}><h2>${item.number}. ${esc(item.title)}</h2>${closed}${presenter}${sections}</section>`;
    })
    .join('');
  const stamp = m.stamp
    ? `<aside class="stamp" aria-label="Godkendelse">${m.stamp.lines
        .map((line) => `<p>${esc(line)}</p>`)
        .join('')}</aside>`
    : '';
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${m.kind} – ${m.forum || m.title} ${m.when}`)}</title>
<style>${STYLE}${m.hasClosed ? CLOSED_PAGE_STYLE : ''}</style>
</head>
<body>
<header>
<h1>${m.kind}</h1>
<p class="forum">${esc(m.forum || m.title)}</p>
${m.publicVersion ? '<p class="public">Offentlig udgave: lukkede punkter er udeladt.</p>' : ''}
${m.hasClosed ? `<p class="closed-notice" role="note">${esc(CLOSED_NOTICE)}.</p>` : ''}
<dl class="meta">${metaLines(m)
    .map(
      ({ label, value, href }) =>
        `<dt>${label}</dt><dd>${inlineHTML([{ text: value, href }])}</dd>`,
    )
    .join('')}</dl>
</header>
<main>
${m.groups.length ? `<h2>Deltagere</h2>${groups(m.groups)}` : ''}
${m.absent.length ? `<h2>Afbud</h2>${groups(m.absent)}` : ''}
${items}
${stamp}
</main>
</body>
</html>
`;
}
