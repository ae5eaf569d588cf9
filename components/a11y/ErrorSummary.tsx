'use client';
/**
 * An error summary for a reader form (WCAG 3.3.1, 3.3.3): placed as the first child of a <form>, it
 * lists what is wrong at the top of the form, in a role="alert" region, each error a link that moves
 * focus to its field, and takes focus itself when it appears.
 *
 * Two sources of errors:
 * - `errors` the server answered with (a server action's state), each naming the id of its field;
 * - the browser's own constraint validation (required, type="email", pattern, min/max…): once the
 *   page is interactive the summary turns the browser's bubbles off (form.noValidate) and checks the
 *   form on submit itself, stopping the submit when a field is invalid. Without JavaScript the
 *   browser validates as before.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

export type FieldError = { /** id of the field */ field: string; message: string };

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isControl(el: Element): el is Control {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

/** The visible name of a field: its label's text without the text of controls inside the label. */
function fieldName(el: Control): string {
  const label = el.labels?.[0];
  if (label) {
    const copy = label.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('input, select, textarea, option').forEach((c) => c.remove());
    const text = copy.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return el.getAttribute('aria-label') ?? el.name;
}

let generated = 0;

export function ErrorSummary({ errors = [] }: { errors?: FieldError[] }) {
  const t = useTranslations('a11y.errorSummary');
  const locale = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  const [checked, setChecked] = useState<{ errors: FieldError[]; at: number } | null>(null);
  const serverKey = JSON.stringify(errors);
  // Errors from the server replace those the browser found before the submit.
  const [lastServerKey, setLastServerKey] = useState(serverKey);
  if (serverKey !== lastServerKey) {
    setLastServerKey(serverKey);
    setChecked(null);
  }
  const shown = checked?.errors ?? errors;

  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    form.noValidate = true;
    const onSubmit = (e: SubmitEvent) => {
      const invalid = [...form.elements].filter(isControl).filter((el) => el.willValidate && !el.validity.valid);
      if (!invalid.length) {
        setChecked(null);
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      e.stopPropagation();
      setChecked({
        at: Date.now(),
        errors: invalid.map((el) => {
          if (!el.id) el.id = `field-${++generated}`;
          const field = fieldName(el);
          const message = el.validity.valueMissing
            ? t('missing', { field })
            : el.validity.typeMismatch && el.type === 'email'
              ? t('email', { field })
              : t('invalid', { field });
          return { field: el.id, message };
        }),
      });
    };
    form.addEventListener('submit', onSubmit);
    return () => form.removeEventListener('submit', onSubmit);
  }, [t, locale]);

  // A new list of errors takes focus, so keyboard and screen reader users start from it.
  const focusKey = shown.length ? `${checked?.at ?? ''}|${serverKey}` : '';
  useEffect(() => {
    if (focusKey) ref.current?.focus();
  }, [focusKey]);

  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      {shown.length ? (
        <>
          <h2 className="error-summary__title">{t('title')}</h2>
          <ul>
            {shown.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <a
                  href={`#${e.field}`}
                  onClick={(ev) => {
                    const target = document.getElementById(e.field);
                    if (!target) return;
                    ev.preventDefault();
                    target.focus();
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
