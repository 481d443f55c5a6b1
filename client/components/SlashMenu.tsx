import { useEffect, useState } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { slashMenuKey, type SlashMenuStorage } from '../editor/SlashMenu.ts';

export interface SlashEntry {
  id: string;
  label: string;
  hint?: string;
  /** Extra words the query may match (the Danish name in the English UI). */
  keywords: string;
  run(editor: Editor): void;
}

/** The "/" menu: filters entries by what follows the slash; arrows, Enter, Escape. */
export function SlashMenu({ editor, entries }: { editor: Editor; entries: SlashEntry[] }) {
  const slash = useEditorState({
    editor,
    selector: ({ editor: e }) => slashMenuKey.getState(e.state) ?? null,
  });
  const [active, setActive] = useState(0);
  const query = slash?.query ?? '';
  const matches = entries.filter(
    (e) => `${e.label} ${e.keywords}`.toLowerCase().includes(query.trim()) || query === '',
  );

  useEffect(() => setActive(0), [query]);

  const choose = (entry: SlashEntry | undefined) => {
    if (!entry || !slash) return;
    editor.chain().focus().deleteRange({ from: slash.from, to: slash.to }).run();
    entry.run(editor);
  };

  useEffect(() => {
    const storage = (editor.storage as unknown as { slashMenu: SlashMenuStorage }).slashMenu;
    storage.onKeyDown = slash
      ? (event) => {
          if (event.key === 'ArrowDown') setActive((a) => (a + 1) % Math.max(1, matches.length));
          else if (event.key === 'ArrowUp')
            setActive((a) => (a - 1 + matches.length) % Math.max(1, matches.length));
          else if (event.key === 'Enter') choose(matches[active]);
          else if (event.key === 'Escape')
            editor.view.dispatch(editor.state.tr.setMeta(slashMenuKey, 'close'));
          else return false;
          return true;
        }
      : null;
  });

  if (!slash || editor.isDestroyed) return null;
  const coords = editor.view.coordsAtPos(slash.from);
  return (
    <div
      className="slash-menu"
      role="listbox"
      aria-label="/"
      style={{ position: 'fixed', left: coords.left, top: coords.bottom + 4 }}
    >
      {matches.length === 0 ? <div className="slash-empty">–</div> : null}
      {matches.map((entry, i) => (
        <div
          key={entry.id}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'slash-entry active' : 'slash-entry'}
          onMouseDown={(e) => {
            e.preventDefault();
            choose(entry);
          }}
          onMouseEnter={() => setActive(i)}
        >
          <span>{entry.label}</span>
          {entry.hint ? <kbd>{entry.hint}</kbd> : null}
        </div>
      ))}
    </div>
  );
}
