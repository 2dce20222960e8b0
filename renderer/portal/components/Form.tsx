import type { ReactNode } from 'react';

/** What a form shows again after a refused post: what was typed (never a password) and why. */
export interface FormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export const fieldId = (name: string) => `champ-${name}`;

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** RGAA: the errors listed first, each a link to its field. */
export function ErrorSummary({
  state,
  message,
  fieldIds = {},
}: {
  state?: FormState;
  message?: string;
  /** Fields given their own `id` (two forms on one page): where their error links go. */
  fieldIds?: Record<string, string>;
}) {
  const errors = Object.entries(state?.errors ?? {}).filter(([name]) => name !== '_');
  const general = state?.errors?._ ?? message;
  if (!errors.length && !general) return null;
  return (
    <div className="p-summary" role="alert" aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">
        {errors.length > 1
          ? 'Le formulaire contient des erreurs'
          : 'Le formulaire contient une erreur'}
      </h2>
      {general && <p>{general}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map(([name, text]) => (
            <li key={name}>
              <a href={`#${fieldIds[name] ?? fieldId(name)}`}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface FieldProps {
  name: string;
  /** When two forms of one page share a field name (« current »): ids must stay unique. */
  id?: string;
  label: string;
  type?: 'text' | 'password' | 'email';
  autoComplete?: string;
  hint?: ReactNode;
  required?: boolean;
  /** The label's noun is feminine (« Adresse », « Date »): « (facultative) ». */
  feminine?: boolean;
  inputMode?: 'numeric' | 'email' | 'text';
  state?: FormState;
  /** Passwords are never sent back into a page. */
  keepValue?: boolean;
}

export function Field({
  name,
  id = fieldId(name),
  label,
  type = 'text',
  autoComplete,
  hint,
  required = true,
  feminine = false,
  inputMode,
  state,
  keepValue = type !== 'password',
}: FieldProps) {
  const error = state?.errors?.[name];
  const describedBy = [hint ? `aide-${id}` : '', error ? `erreur-${id}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="p-field">
      <label htmlFor={id}>
        {label}
        {required ? ' (obligatoire)' : feminine ? ' (facultative)' : ' (facultatif)'}
      </label>
      {hint && (
        <p className="p-hint" id={`aide-${id}`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        defaultValue={keepValue ? (state?.values?.[name] ?? '') : ''}
        spellCheck={false}
        autoCapitalize="none"
      />
      {error && (
        <p className="p-error" id={`erreur-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function Notice({ children, success }: { children: ReactNode; success?: boolean }) {
  return (
    <div className={success ? 'p-notice p-success' : 'p-notice'} role="status">
      {children}
    </div>
  );
}

/** A new password typed twice (`password`, `passwordAgain`), the rule as its hint. */
export function NewPasswordFields({ state, hint }: { state?: FormState; hint: ReactNode }) {
  return (
    <>
      <Field
        name="password"
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        hint={hint}
        state={state}
      />
      <Field
        name="passwordAgain"
        label="Confirmation du mot de passe"
        type="password"
        autoComplete="new-password"
        state={state}
      />
    </>
  );
}

/** An e-mail address typed twice (`email`, `emailAgain`). */
export function EmailFields({
  state,
  label,
  againLabel,
  required = true,
  hint,
}: {
  state?: FormState;
  label: string;
  againLabel: string;
  required?: boolean;
  hint?: ReactNode;
}) {
  return (
    <>
      <Field
        name="email"
        label={label}
        type="email"
        inputMode="email"
        autoComplete="email"
        required={required}
        feminine
        hint={hint}
        state={state}
      />
      <Field
        name="emailAgain"
        label={againLabel}
        type="email"
        inputMode="email"
        autoComplete="email"
        required={required}
        feminine
        state={state}
      />
    </>
  );
}
