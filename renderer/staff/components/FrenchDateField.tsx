import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { isoFromSlashDate } from '../../../shared/domain/frenchDates';

interface FrenchDateFieldProps extends Omit<
  TextInputProps,
  'value' | 'onChange' | 'error' | 'type' | 'onBlur'
> {
  /** What is typed, « 07/03/2027 ». */
  value: string;
  onChange: (text: string) => void;
  /** Whether an empty field is a valid answer (a filter left open). */
  optional?: boolean;
  /** A message about the day itself (from the server), shown once the format is right. */
  error?: string | undefined;
}

/**
 * A day typed JJ/MM/AAAA, read with isoFromSlashDate. A text field rather than
 * <input type="date">: that one shows « mm/dd/yyyy » in a browser set to English, and a
 * French secretary then types the month first.
 */
export function FrenchDateField({
  value,
  onChange,
  optional,
  error,
  ...props
}: FrenchDateFieldProps) {
  const [touched, setTouched] = useState(false);
  const valid = (optional && value.trim() === '') || isoFromSlashDate(value) !== null;
  return (
    <TextInput
      description="JJ/MM/AAAA"
      placeholder="JJ/MM/AAAA"
      inputMode="numeric"
      autoComplete="off"
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={() => setTouched(true)}
      error={valid || !touched ? error : 'Écrivez la date JJ/MM/AAAA, par exemple 07/03/2027.'}
    />
  );
}
