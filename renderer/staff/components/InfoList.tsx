import type { ReactNode } from 'react';
import { Fragment } from 'react';

export interface InfoItem {
  label: string;
  value: ReactNode;
}

/** Label / value pairs; an empty value shows as a dash rather than a missing row. */
export function InfoList({ items }: { items: InfoItem[] }) {
  return (
    <dl className="info-list">
      {items.map((item) => (
        <Fragment key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value === '' || item.value === null ? '—' : item.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
