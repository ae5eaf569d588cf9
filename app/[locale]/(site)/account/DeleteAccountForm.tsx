'use client';

import { useId, useState } from 'react';

/**
 * Plain form post (works without JavaScript); the button is enabled once "DELETE" is typed. The server checks again.
 * The page passes the sentences in the reader's language (the word to type stays DELETE in every language).
 */
export function DeleteAccountForm({ locale, label, button }: { locale: string; label: string; button: string }) {
  const id = useId();
  const [value, setValue] = useState('');
  const ok = value.trim() === 'DELETE';
  return (
    <form method="post" action="/api/account/delete">
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor={`${id}-confirm`}>{label}</label>{' '}
      <input id={`${id}-confirm`} name="confirm" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />{' '}
      <button type="submit" className="button secondary" disabled={!ok}>
        {button}
      </button>
    </form>
  );
}
