/** Small pieces the desk forms share: labelled fields, level and recipient pickers, submit buttons. */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EFFECTIVENESS_RECIPIENTS, LEVELS, REPORT_RECIPIENTS, type Level } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';

/**
 * A labelled control. `context` is read out before the label but not shown (e.g. which of C/I/A a
 * wizard field belongs to, already visible as the fieldset's legend).
 */
export function Field({ label, children, hint, context }: { label: string; children: (id: string) => ReactNode; hint?: string; context?: string }) {
  const id = useId();
  return (
    <div className="desk-field">
      <label htmlFor={id}>
        {context && <span className="visually-hidden">{context} · </span>}
        {label}
      </label>
      {children(id)}
      {hint && (
        <small id={`${id}-hint`} className="desk-hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  multiline,
  type = 'text',
  placeholder,
  context,
  hint,
}: {
  label: string;
  context?: string;
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  type?: 'text' | 'tel' | 'email' | 'datetime-local' | 'number';
  placeholder?: string;
  hint?: string;
}) {
  return (
    <Field label={label} context={context} {...(hint ? { hint } : {})}>
      {(id) =>
        multiline ? (
          <textarea id={id} rows={3} value={value} placeholder={placeholder} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} type={type} value={value} placeholder={placeholder} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

export function LevelSelect({ label, value, onChange }: { label: string; value: Level | ''; onChange: (v: Level) => void }) {
  const { t } = useTranslation(['desks', 'glossary']);
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} required value={value} onChange={(e) => onChange(Number(e.target.value) as Level)}>
          {value === '' && <option value="">{t('common.choose')}</option>}
          {LEVELS.map((n) => (
            <option key={n} value={n}>
              {t('common.levelN', { n })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A group of checkboxes with a legend; `options` are [value, label]. */
export function CheckGroup({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly (readonly [string, string])[];
  value: readonly string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="desk-checks">
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v}>
          <input
            type="checkbox"
            checked={value.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...value, v] : value.filter((x) => x !== v))}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** A group of radio buttons with a legend; `options` are [value, label]. */
export function RadioGroup({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly (readonly [string, string])[];
  value: string;
  onChange: (v: string) => void;
}) {
  const name = useId();
  return (
    <fieldset className="desk-checks">
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Recipients of P23(1), P30, P31(4): commander, team, oversight bodies, DoIT. */
export function useRecipientOptions(withTeam: boolean): [string, string][] {
  const { t } = useTranslation(['desks', 'glossary']);
  const ids = withTeam ? EFFECTIVENESS_RECIPIENTS : REPORT_RECIPIENTS;
  return ids.map((id) => [id, t(`glossary:recipients.${id}`)]);
}

export function SubmitButton({ children }: { children: ReactNode }) {
  const { pending } = useDesk();
  return (
    <button type="submit" className="primary" disabled={pending}>
      {children}
    </button>
  );
}

/** A <form> that sends one action and stays on screen (the desk shows the engine's answer). */
/**
 * A form's or channel's guidance (what the procedure asks, with its point). Coaching shows it;
 * assessment does not: the participants apply the procedure themselves (issue 12).
 */
export function Intro({ children }: { children: ReactNode }) {
  const { guidance } = useDesk();
  return guidance === 'coaching' ? <p className="desk-intro">{children}</p> : null;
}

export function ActionForm({
  title,
  intro,
  onSubmit,
  children,
}: {
  title: string;
  intro?: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <form
      className="desk-form"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={id}>{title}</h3>
      {intro && <Intro>{intro}</Intro>}
      {children}
    </form>
  );
}
