/*
 * Presenters written in or under an item's title, in the shapes Word
 * agendas use beside the "Title (Presenter)" of the published minutes:
 * "Budget v. Anne Hansen" in the title, or a paragraph "(Anne Hansen)"
 * right under it. Each is read from the end or as a whole line, so no
 * pattern backtracks over a long title.
 */

const NAME_START = /^\p{Lu}/u;
/** A presenter is a name or two, perhaps with a unit: never a sentence. */
const MAX_PRESENTER = 60;

/**
 * "Budget v. Anne Hansen" (also "Budget – v. Anne Hansen", "Budget, v.
 * Anne Hansen"): the title and the presenter named after its last " v. ";
 * null when what follows is not a name (starts in lower case, too long, or
 * ends a sentence).
 */
export function presenterInTitle(title: string): { title: string; presenter: string } | null {
  const at = title.lastIndexOf(' v. ');
  if (at <= 0) return null;
  const presenter = title.slice(at + 4).trim();
  if (
    !NAME_START.test(presenter) ||
    presenter.length > MAX_PRESENTER ||
    /[.!?:]$/.test(presenter.slice(-1))
  ) {
    return null;
  }
  const rest = title.slice(0, at).replace(/[\s,–-]+$/u, '');
  return rest ? { title: rest, presenter } : null;
}

/** "(Anne Hansen)" as a line of its own: the presenter inside, else null. */
export function presenterLine(text: string): string | null {
  if (!text.startsWith('(') || !text.endsWith(')') || text.length > MAX_PRESENTER + 2) return null;
  const inner = text.slice(1, -1).trim();
  return inner && !/[()]/.test(inner) && NAME_START.test(inner) ? inner : null;
}
