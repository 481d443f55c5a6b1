import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18n.tsx';
import { COLOURS, type Identity } from '../identity.ts';

/** Asks for the name (and colour) shown at this user's caret. */
export function NameDialog({
  initial,
  onDone,
}: {
  initial: Identity | null;
  onDone(identity: Identity): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initial?.name ?? '');
  const [color, setColor] = useState(
    initial?.color ?? COLOURS[Math.floor(Math.random() * COLOURS.length)],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() !== '') onDone({ name: name.trim().slice(0, 60), color });
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" onSubmit={submit} aria-labelledby="name-dialog-title">
        <h2 id="name-dialog-title">{t('welcome')}</h2>
        <p className="muted">{t('nameHint')}</p>
        <input
          autoFocus
          name="name"
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
          aria-label={t('yourName')}
        />
        <fieldset className="colours">
          <legend>{t('colour')}</legend>
          {COLOURS.map((c) => (
            <label
              key={c}
              className={c === color ? 'swatch chosen' : 'swatch'}
              style={{ background: c }}
            >
              <input
                type="radio"
                name="colour"
                value={c}
                checked={c === color}
                onChange={() => setColor(c)}
              />
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          {t('continue')}
        </button>
      </form>
    </div>
  );
}
