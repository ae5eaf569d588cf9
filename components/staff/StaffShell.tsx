import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { HtmlDocument } from '@/components/HtmlDocument';
import { PageMessages } from '@/components/i18n/PageMessages';
import { hasRole } from '@/lib/auth/roles';
import type { Locale } from '@/lib/i18n/locales';
import type { NamespaceName } from '@/lib/i18n/messages';
import { translator } from '@/lib/i18n/translator';
import { StaffLanguageSwitcher } from './StaffLanguageSwitcher';
import styles from './staff.module.css';

export type StaffLink = { href: string; label: string; /** Shown to admins only. */ adminOnly?: boolean };

/**
 * The document and chrome shared by the staff areas (desk, dashboard): name, navigation, who is signed
 * in, the language switcher. Client components below it may translate `staff` and `clientNamespaces`.
 */
export function StaffShell({
  area,
  links,
  user,
  locale,
  clientNamespaces = [],
  children,
}: {
  area: string;
  links: StaffLink[];
  user: { email: string; role: string };
  locale: Locale;
  clientNamespaces?: readonly NamespaceName[];
  children: ReactNode;
}) {
  const t = translator(locale, 'staff.shell');
  const signOut = translator(locale, 'signin.signOut');
  const shown = links.filter((l) => !l.adminOnly || hasRole(user.role, 'ADMIN'));
  const role = t.has(`roles.${user.role}` as 'roles.READER') ? t(`roles.${user.role}` as 'roles.READER') : user.role.toLowerCase();
  return (
    <HtmlDocument lang={locale}>
      <PageMessages locale={locale} namespaces={['staff', ...clientNamespaces]}>
        <div className={styles.shell}>
          <header className={styles.header}>
            <span className={styles.brand}>{area}</span>
            <nav className={styles.nav} aria-label={area}>
              {shown.map((l) => (
                <Link key={l.href} href={l.href}>
                  {l.label}
                </Link>
              ))}
            </nav>
            <span className={styles.who}>{t('signedInAs', { email: user.email, role })}</span>
            <StaffLanguageSwitcher />
            <SignOutButton className={styles.signOut} labels={{ button: signOut('button'), pending: signOut('pending') }} />
          </header>
          <div className={styles.main}>{children}</div>
        </div>
      </PageMessages>
    </HtmlDocument>
  );
}
