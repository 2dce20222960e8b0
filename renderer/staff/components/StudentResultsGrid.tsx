import type { KeyboardEvent, MouseEvent, Ref } from 'react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StudentListItem } from '../../../shared/api/staff';
import { formatDate } from '../../ui/format';
import { leftOnLabel } from '../../../shared/domain/agreement';

const ROW_HEIGHT = 38;
const COLUMNS = ['Nom', 'Prénom', 'Division', 'Date de naissance', 'INE'] as const;

interface StudentResultsGridProps {
  items: StudentListItem[];
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  onOpen: (student: StudentListItem) => void;
  gridRef: Ref<HTMLDivElement>;
  label: string;
}

const rowId = (studentId: number) => `eleve-ligne-${studentId}`;

/**
 * A single tab stop (ARIA grid with aria-activedescendant): arrows, Page up/down, Home/End
 * move the active row, Enter opens it. Only visible rows exist in the DOM, so a school of
 * 2 000 pupils scrolls as smoothly as a class of 30.
 */
export function StudentResultsGrid({
  items,
  activeIndex,
  onActiveIndexChange,
  onOpen,
  gridRef,
  label,
}: StudentResultsGridProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  // No React Compiler in this build, so its memoization warning does not apply: the
  // virtualizer re-renders this component itself when the scroll position changes.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (items.length > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const activeItem = items[activeIndex];
  const activeRendered = virtualRows.some((row) => row.index === activeIndex);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (items.length === 0) return;
    const page = Math.max(1, Math.floor((bodyRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, activeIndex + 1),
      ArrowUp: Math.max(0, activeIndex - 1),
      PageDown: Math.min(last, activeIndex + page),
      PageUp: Math.max(0, activeIndex - page),
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      onActiveIndexChange(target);
    } else if (event.key === 'Enter' && activeItem) {
      event.preventDefault();
      onOpen(activeItem);
    }
  }

  function onRowClick(event: MouseEvent<HTMLDivElement>, index: number, student: StudentListItem) {
    onActiveIndexChange(index);
    // The name link navigates by itself; opening again here would add a second history entry.
    if ((event.target as HTMLElement).closest('a')) return;
    onOpen(student);
  }

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={items.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeItem && activeRendered ? rowId(activeItem.id) : undefined}
      tabIndex={0}
      className="student-grid"
      style={{ flex: 1 }}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="student-grid__header" ref={headerRef}>
        <div role="row" aria-rowindex={1} className="student-grid__columns">
          {COLUMNS.map((column) => (
            <div key={column} role="columnheader" className="student-grid__cell">
              {column}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={bodyRef}
        className="student-grid__body"
        // In a narrow window the columns scroll sideways; the header must follow.
        onScroll={(event) => {
          if (headerRef.current) headerRef.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((virtualRow) => {
            const student = items[virtualRow.index];
            if (!student) return null;
            const lastName = student.lastName.toLocaleUpperCase('fr-FR');
            return (
              <div
                key={student.id}
                id={rowId(student.id)}
                role="row"
                aria-rowindex={virtualRow.index + 2}
                aria-selected={virtualRow.index === activeIndex}
                className="student-grid__row student-grid__columns"
                style={{ top: virtualRow.start, height: virtualRow.size }}
                onClick={(event) => onRowClick(event, virtualRow.index, student)}
              >
                <div role="gridcell" className="student-grid__cell">
                  <Link
                    to={`/eleves/${student.id}`}
                    tabIndex={-1}
                    aria-label={`${lastName} ${student.firstName}`}
                  >
                    {lastName}
                  </Link>
                </div>
                <div role="gridcell" className="student-grid__cell">
                  {student.firstName}
                  {student.leftOn && (
                    <span className="student-grid__left">
                      {' '}
                      — {leftOnLabel(student.sex, student.leftOn).toLocaleLowerCase('fr-FR')}
                    </span>
                  )}
                  {student.leavesOn && (
                    <span className="student-grid__left">
                      {' '}
                      — part le {formatDate(student.leavesOn)}
                    </span>
                  )}
                </div>
                <div role="gridcell" className="student-grid__cell">
                  {student.divisionCode ?? '—'}
                </div>
                <div role="gridcell" className="student-grid__cell">
                  {formatDate(student.birthDate)}
                </div>
                <div role="gridcell" className="student-grid__cell">
                  {student.ine}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
