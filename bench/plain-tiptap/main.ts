// The baseline of bench/client.ts: TipTap's StarterKit alone, no collaboration,
// holding the same minutes (as HTML, from Referat's own export).
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const content = await (await fetch('./content.html')).text();
new Editor({
  element: document.querySelector<HTMLElement>('#editor')!,
  extensions: [StarterKit],
  content,
});
document.body.dataset.ready = 'true';
