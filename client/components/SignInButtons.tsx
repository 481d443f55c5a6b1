import { signIn, signInUrl } from '../auth.ts';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * One sign-in link per configured identity provider (OIDC mode); the
 * browser goes to the provider and comes back to `returnTo`.
 */
export function SignInButtons({ returnTo }: { returnTo: string }) {
  const { t } = useI18n();
  if (signIn.providers.length === 0) return null;
  return (
    <ul className="sign-in-providers">
      {signIn.providers.map((p) => (
        <li key={p.id}>
          <a className="button primary" href={signInUrl(p.id, returnTo)}>
            {t('signInWith', { provider: p.label })}
          </a>
        </li>
      ))}
    </ul>
  );
}
