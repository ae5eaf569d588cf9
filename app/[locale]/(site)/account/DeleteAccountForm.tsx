'use client';

import { useId, useState } from 'react';

/** Plain form post (works without JavaScript); the button is enabled once "DELETE" is typed. The server checks again. */
export function DeleteAccountForm() {
  const id = useId();
  const [value, setValue] = useState('');
  const ok = value.trim() === 'DELETE';
  return (
    <form method="post" action="/api/account/delete">
      <label htmlFor={`${id}-confirm`}>Type DELETE to confirm</label>{' '}
      <input id={`${id}-confirm`} name="confirm" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />{' '}
      <button type="submit" className="button secondary" disabled={!ok}>
        Delete my account
      </button>
    </form>
  );
}
