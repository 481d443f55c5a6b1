/**
 * A mail's parts in one neutral form, rendered to plain text and to HTML by
 * the one function below: every value is escaped there, so no template can
 * forget it (names, titles and comments come from users).
 */
export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label/value lines: meeting, date, time, place, deadline. */
  facts: [string, string][];
  /** Quoted text (a comment). */
  quote?: string;
  action?: { label: string; url: string };
  /** A line after the action, e.g. "The link is personal". */
  note?: string;
  signature: string[];
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Line breaks of user text kept in HTML. */
const lines = (value: string) => escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>');

/** One line, as a subject must be: no line breaks or runs of spaces from user input. */
export const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

export function renderMail(content: MailContent, language: 'da' | 'en') {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.facts.length
      ? [...content.facts.map(([label, value]) => `${label}: ${value}`), '']
      : []),
    ...(content.quote ? [...content.quote.split(/\r\n|\r|\n/).map((l) => `> ${l}`), ''] : []),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
    ...(content.note ? [content.note, ''] : []),
    ...content.signature,
  ].join('\n');

  const facts = content.facts.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.facts
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:2px 0">${lines(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const html = `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${lines(p)}</p>`).join('\n')}
${facts}
${content.quote ? `<blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #999">${lines(content.quote)}</blockquote>` : ''}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="color:#0b57d0;font-weight:600">${escapeHtml(content.action.label)}</a></p>` : ''}
${content.note ? `<p style="color:#555;font-size:13px">${escapeHtml(content.note)}</p>` : ''}
<p>${content.signature.map(escapeHtml).join('<br>')}</p>
</body></html>
`;
  return { subject: oneLine(content.subject), text, html };
}
