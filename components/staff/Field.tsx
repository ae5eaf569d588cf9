/**
 * A labelled form control for staff pages: the label, the control, an optional hint and error tied
 * to it with aria-describedby (and aria-invalid when there is an error).
 */
import type { InputHTMLAttributes, ReactNode } from 'react';

type Common = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The wrapper's class (the page's `.field`). */
  className?: string;
  hintClassName?: string;
  errorClassName?: string;
};

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, hint, error, className, hintClassName, errorClassName, children }: Common & { children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className={hintClassName}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} role="alert" className={errorClassName}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export type Option = { value: string; label: ReactNode };

/** A `<select>` with its label; `options` follow any `placeholder` option (value ""). */
export function SelectField({
  name,
  defaultValue,
  options,
  placeholder,
  controlClassName,
  ...common
}: Common & { name: string; defaultValue?: string; options: readonly Option[]; placeholder?: ReactNode; controlClassName?: string }) {
  return (
    <Frame {...common}>
      <select
        id={common.id}
        name={name}
        defaultValue={defaultValue}
        className={controlClassName}
        aria-describedby={describedBy(common.id, common.hint, common.error)}
        aria-invalid={common.error ? true : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** An `<input>` with its label; any other input attribute (min, max, value and onChange, …) goes to the input. */
export function InputField({
  id,
  label,
  hint,
  error,
  className,
  hintClassName,
  errorClassName,
  type = 'text',
  controlClassName,
  ...input
}: Common & { name: string; controlClassName?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'children'>) {
  const common = { id, label, hint, error, className, hintClassName, errorClassName };
  return (
    <Frame {...common}>
      <input
        id={id}
        type={type}
        {...input}
        className={controlClassName}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </Frame>
  );
}
