import { Fragment } from 'react';
import { SECTIONS, SECTION_TYPES } from '../../shared/schema/index.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { MOD } from './ItemEditor.tsx';

/** The editing keys, listed in the side panel for those who may edit. */
export function Shortcuts() {
  const { t } = useI18n();
  return (
    <section className="shortcuts">
      <h2>{t('shortcuts')}</h2>
      <dl>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>{t('shortcutSlash')}</dd>
        {SECTION_TYPES.map((type) => (
          <Fragment key={type}>
            <dt>
              <kbd>
                {MOD}
                {SECTIONS[type].shortcut}
              </kbd>
            </dt>
            <dd>{t(`section_${type}`)}</dd>
          </Fragment>
        ))}
        <dt>
          <kbd>{MOD}N</kbd>
        </dt>
        <dd>{t('shortcutNewItem')}</dd>
        <dt>
          <kbd>{MOD}↑ ↓</kbd>
        </dt>
        <dd>{t('shortcutMove')}</dd>
      </dl>
    </section>
  );
}
