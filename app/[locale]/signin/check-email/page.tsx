import Link from 'next/link';
import type { Metadata } from 'next';
import { z } from 'zod';
import { mailToOutbox } from '@/lib/config/site';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import styles from '../signin.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ email?: string | string[] }> };

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'signin.meta');
  return { title: t('checkEmail'), robots: { index: false } };
}

export default async function CheckEmailPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'signin.checkEmail');
  const raw = (await searchParams).email;
  const email = z.email().safeParse(Array.isArray(raw) ? raw[0] : raw);
  return (
    <main className={styles.page}>
      <h1>{t('heading')}</h1>
      <p>{email.success ? t.rich('sentTo', { email: email.data, strong: (c) => <strong>{c}</strong> }) : t('sentToYou')}</p>
      {mailToOutbox() ? <p className={styles.note}>{t.rich('testMode', { link: (c) => <Link href="/dev/mailbox">{c}</Link> })}</p> : null}
      <p>{t.rich('again', { link: (c) => <Link href={localePath(locale, '/signin')}>{c}</Link> })}</p>
    </main>
  );
}
