import type { ReactNode } from 'react';
import { useState } from 'react';
import { Accordion, Paper, Text, Title } from '@mantine/core';
import type { ImportLine } from '../../../../shared/api/staff';
import { ImportLineList } from './ImportLineList';
import { formatNumber } from '../../../ui/format';

/** Sections this short are open from the start; longer ones wait for a click. */
const OPEN_UP_TO = 10;

export interface ImportSection {
  id: string;
  /** Shown with the count: "Nouveaux élèves (287)". */
  title: string;
  lines: ImportLine[];
  /** A sentence above the lines, e.g. what "sans division" means. */
  note?: ReactNode;
}

/** The count spaced in French ("(2 345)"), with a no-break space that keeps it one token. */
export function sectionTitle(section: ImportSection): string {
  return `${section.title} (${formatNumber(section.lines.length)})`;
}

interface ImportSectionGroupProps {
  /** The card's heading (h3, under the preview's h2): "Élèves", "Responsables"… */
  title: string;
  sections: ImportSection[];
  /** A line under the heading, e.g. "412 élèves inchangés". */
  summary?: ReactNode;
}

/**
 * One card of the preview: an accordion whose controls are h4 headings carrying the counts,
 * so that screen-reader users can jump from section to section. An empty section stays in
 * the list, disabled, so that "(0)" says plainly that nothing changes there.
 */
export function ImportSectionGroup({ title, sections, summary }: ImportSectionGroupProps) {
  const [open, setOpen] = useState<string[]>(() =>
    sections
      .filter((section) => section.lines.length > 0 && section.lines.length <= OPEN_UP_TO)
      .map((section) => section.id),
  );
  return (
    <Paper
      component="section"
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      aria-label={title}
    >
      <Title order={4} size="h4" mb="xs">
        {title}
      </Title>
      {summary && (
        <Text size="sm" c="dimmed" mb="xs">
          {summary}
        </Text>
      )}
      <Accordion
        multiple
        value={open}
        onChange={setOpen}
        order={4}
        variant="contained"
        className="import-sections"
      >
        {sections.map((section) => {
          const empty = section.lines.length === 0;
          const heading = sectionTitle(section);
          return (
            <Accordion.Item key={section.id} value={section.id}>
              <Accordion.Control disabled={empty}>
                <Text span fw={600} size="sm">
                  {heading}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                {/* Mounted only when open: a closed section of 2 000 lines costs nothing. */}
                {open.includes(section.id) && (
                  <>
                    {section.note && (
                      <Text size="sm" mb="xs">
                        {section.note}
                      </Text>
                    )}
                    <ImportLineList lines={section.lines} label={heading} />
                  </>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Paper>
  );
}
