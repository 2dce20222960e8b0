import type { InfoSheetFieldView, InfoSheetRecordView } from '../../../shared/api/portal';
import { CsrfField, ErrorSummary, fieldId, type FormState } from './Form';

/** What the staff review decides: the family reads that a value waits for it. */
export const PENDING_TEXT = 'en attente de validation par l’établissement';

/** The tab's key in the address: `eleve`, or the guardian record's id. */
export const tabOf = (r: Pick<InfoSheetRecordView, 'guardianId'>) =>
  r.guardianId === null ? 'eleve' : String(r.guardianId);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** « 2014-10-02 » as the portal's date fields take it (« 02/10/2014 », as on first connection). */
const slashDay = (value: string) => value.replace(ISO_DAY, '$3/$2/$1');

/** What a field of the form holds before the family types: the waiting value, else the school's. */
export function formValueOf(field: InfoSheetFieldView): string {
  const value = field.pending ?? field.value;
  return field.field === 'birthDate' ? slashDay(value) : value;
}

/** The guide's sections of each form (seed 000 « Mise à jour élève / responsable légal »). */
const SECTIONS: Record<InfoSheetRecordView['record'], [string, string[]][]> = {
  student: [
    [
      'Identité',
      [
        'lastName',
        'firstName',
        'firstName2',
        'firstName3',
        'sex',
        'birthDate',
        'birthCountry',
        'birthCommune',
      ],
    ],
    ['Téléphone & Courriel', ['phoneHome', 'phoneMobile', 'email']],
  ],
  guardian: [
    ['Identité', ['relationship', 'civility', 'lastName', 'firstName']],
    ['Profession', ['professionCode']],
    ['Adresse', ['addressLine1', 'addressLine2', 'postalCode', 'city', 'country', 'sharesAddress']],
    ['Téléphone & Courriel', ['phoneHome', 'phoneWork', 'phoneMobile', 'acceptsSms', 'email']],
  ],
};

/** The record's fields in the guide's sections; a field no section names comes last. */
function sectionsOf(record: InfoSheetRecordView) {
  const named = SECTIONS[record.record];
  const sections = named.map(([title, fields]) => ({
    title,
    fields: record.fields.filter((f) => fields.includes(f.field)),
  }));
  const rest = record.fields.filter((f) => !named.some(([, fields]) => fields.includes(f.field)));
  if (rest.length) sections.push({ title: 'Autres informations', fields: rest });
  return sections.filter((x) => x.fields.length > 0);
}

/** A value as the family typed it or the school keeps it, in words (codes by their labels). */
function inWords(field: InfoSheetFieldView, value: string): string {
  const choice = field.choices?.find((c) => c.value === value);
  if (choice) return choice.label;
  return field.field === 'birthDate' ? slashDay(value) : value;
}

/** The tabs (links, no script): the pupil, then each guardian record of this account. */
export function InfoSheetTabs({
  records,
  current,
  child,
}: {
  records: InfoSheetRecordView[];
  current: string;
  child: number;
}) {
  return (
    <nav aria-label="Fiches">
      <ul className="p-switcher">
        {records.map((r) => (
          <li key={tabOf(r)}>
            {tabOf(r) === current ? (
              <span aria-current="page">{r.label}</span>
            ) : (
              <a href={`/fiche-renseignements?enfant=${child}&onglet=${tabOf(r)}`}>{r.label}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The record as the school holds it, each waiting value beside its field. */
export function InfoSheetValues({ record }: { record: InfoSheetRecordView }) {
  return (
    <>
      {sectionsOf(record).map((section) => (
        <div key={section.title} className="i-values">
          <h3 className="i-section">{section.title}</h3>
          <dl className="p-data">
            {section.fields.map((f) => (
              <div key={f.field} className="p-data-row">
                <dt>{f.label}</dt>
                <dd>
                  {f.shown || <span className="p-muted">Non renseigné</span>}
                  {f.pending !== null && (
                    <span className="i-pending">
                      {f.pending === '' ? 'Non renseigné' : inWords(f, f.pending)} — {PENDING_TEXT}
                    </span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}

/** What a family may see but not change, each with the reason the guide gives (seed 000). */
export function InfoSheetLocked({ record }: { record: InfoSheetRecordView }) {
  if (record.locked.length === 0) return null;
  return (
    <section aria-labelledby="non-modifiable" className="p-card i-locked">
      <h2 id="non-modifiable">Non modifiable en ligne</h2>
      <dl className="p-data">
        {record.locked.map((l) => (
          <div key={l.field} className="p-data-row">
            <dt>{l.label}</dt>
            <dd>
              {l.shown || <span className="p-muted">Non renseigné</span>}
              <span className="p-hint i-reason">{l.reason}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const PHONES = ['phoneHome', 'phoneWork', 'phoneMobile'];

/**
 * The browser's autofill tokens, for the account holder's own record only. On the pupil's tab
 * (or the other guardian's, in a compte joint) they would fill in the holder's phone, e-mail
 * and birthday from the browser's profile: off.
 */
function autofill(holderOwn: boolean, token: string): string {
  return holderOwn ? token : 'off';
}

function FieldInput({
  field,
  state,
  holderOwn,
}: {
  field: InfoSheetFieldView;
  state?: FormState;
  holderOwn: boolean;
}) {
  const id = fieldId(field.field);
  const error = state?.errors?.[field.field];
  const pending = field.pending !== null && !error;
  const hint = field.field === 'birthDate' ? 'Au format JJ/MM/AAAA, par exemple 02/10/2014.' : null;
  const value = state?.values?.[field.field] ?? formValueOf(field);
  const common = {
    id,
    name: field.field,
    defaultValue: value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby':
      [hint ? `aide-${id}` : '', pending ? `attente-${id}` : '', error ? `erreur-${id}` : '']
        .filter(Boolean)
        .join(' ') || undefined,
  };
  let input;
  if (field.choices) {
    const known = field.choices.some((c) => c.value === value);
    input = (
      <select {...common}>
        {/* A code the lists no longer hold stays what it was, not the first option. */}
        {!known && <option value={value}>{value === '' ? 'Non renseigné' : value}</option>}
        {field.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );
  } else if (PHONES.includes(field.field)) {
    input = (
      <input {...common} type="tel" inputMode="tel" autoComplete={autofill(holderOwn, 'tel')} />
    );
  } else if (field.field === 'email') {
    input = (
      <input
        {...common}
        type="email"
        inputMode="email"
        autoComplete={autofill(holderOwn, 'email')}
      />
    );
  } else if (field.field === 'birthDate') {
    input = (
      <input
        {...common}
        type="text"
        inputMode="numeric"
        autoComplete={autofill(holderOwn, 'bday')}
      />
    );
  } else if (field.field === 'postalCode') {
    input = (
      <input
        {...common}
        type="text"
        inputMode="numeric"
        autoComplete={autofill(holderOwn, 'postal-code')}
      />
    );
  } else {
    input = <input {...common} type="text" {...(holderOwn ? {} : { autoComplete: 'off' })} />;
  }
  return (
    <div className="p-field">
      <label htmlFor={id}>{field.label}</label>
      {hint && (
        <p className="p-hint" id={`aide-${id}`}>
          {hint}
        </p>
      )}
      {input}
      {pending && (
        <p className="p-hint" id={`attente-${id}`}>
          Valeur {PENDING_TEXT}.
        </p>
      )}
      {error && (
        <p className="p-error" id={`erreur-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * « Modifier »: every field of the record, filled with the value waiting for review or the
 * school's; a refused post comes back with what was typed and each field's message.
 */
export function InfoSheetForm({
  record,
  child,
  csrf,
  state,
}: {
  record: InfoSheetRecordView;
  child: number;
  csrf: string;
  state?: FormState;
}) {
  return (
    <form method="post" action="/fiche-renseignements" noValidate>
      <ErrorSummary state={state} />
      <CsrfField token={csrf} />
      <input type="hidden" name="child" value={child} />
      {record.guardianId !== null && (
        <input type="hidden" name="guardian" value={record.guardianId} />
      )}
      <p className="p-hint">
        Vos modifications seront vérifiées par l’établissement avant d’être enregistrées.
      </p>
      {sectionsOf(record).map((section) => (
        <fieldset key={section.title} className="i-fieldset">
          <legend>{section.title}</legend>
          {section.fields.map((f) => (
            <FieldInput key={f.field} field={f} state={state} holderOwn={record.holderOwn} />
          ))}
        </fieldset>
      ))}
      <div className="p-actions">
        <button type="submit" className="p-button">
          Valider
        </button>
        <a href={`/fiche-renseignements?enfant=${child}&onglet=${tabOf(record)}`}>Annuler</a>
      </div>
    </form>
  );
}
