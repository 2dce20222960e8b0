import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Loader, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import type { GradeCell, MarkSaveResult } from '../../../../shared/api/staff';
import { parseMarkInput, type MarkValue } from '../../../../shared/domain/grades/marks';
import { errorMessage } from '../../../ui/errors';
import { formatInstant } from '../../../ui/format';

/** A typed mark is saved this long after the last keystroke (and at once on leaving the cell). */
export const AUTOSAVE_DELAY_MS = 600;

/** Where a key asks the focus to go: columns (devoirs) sideways, rows (pupils) up and down. */
export type Move = { columns: number; rows: number };

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  /** Not a mark, or above the barème: refused here, nothing sent. */
  | { kind: 'invalid'; message: string }
  /** Refused by the server, or changed meanwhile in another window: the stored value is back. */
  | { kind: 'refused'; message: string };

interface GradeCellInputProps {
  id: string;
  label: string;
  cell: GradeCell;
  scaleHundredths: number;
  readOnly: boolean;
  onSave: (text: string, version: number) => Promise<MarkSaveResult>;
  /** The value the class figures should count now (typed, or stored while the text is wrong). */
  onLive: (value: MarkValue | null) => void;
  /**
   * True while a typed value is not yet stored (waiting, being saved, or wrong): the window
   * asks before closing. `flush` sends a value still waiting for the pause at once.
   */
  onPending: (pending: boolean, flush: () => void) => void;
  /** A paste of several values; returns whether the grid took it (else the browser pastes). */
  onPaste: (text: string) => boolean;
  onMove: (move: Move) => void;
}

/**
 * ArrowLeft/ArrowRight leave the cell when its whole content is selected (as it is on arriving
 * in a cell) or when the caret is already at that edge; otherwise they move the caret, so a
 * teacher can still correct « 12,5 » by hand. ArrowUp/ArrowDown always change pupil.
 */
function leavesSideways(input: HTMLInputElement, key: string): boolean {
  const { selectionStart: start, selectionEnd: end, value } = input;
  if (start === null || end === null) return true;
  if (start === 0 && end === value.length) return true;
  return key === 'ArrowLeft' ? start === 0 && end === 0 : start === value.length && end === start;
}

/** Mantine's VisuallyHidden as a style, for the description element Mantine renders itself. */
const HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

const MOVES: Record<string, Move> = {
  Enter: { columns: 0, rows: 1 },
  ArrowDown: { columns: 0, rows: 1 },
  ArrowUp: { columns: 0, rows: -1 },
  ArrowLeft: { columns: -1, rows: 0 },
  ArrowRight: { columns: 1, rows: 0 },
};

/** One mark of the grid: checked as typed, saved shortly after, its state shown beside it. */
export function GradeCellInput(props: GradeCellInputProps) {
  const { id, label, cell, scaleHundredths, readOnly } = props;
  const [text, setText] = useState(cell.text);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [focused, setFocused] = useState(false);
  // The stored cell the typing started from: its version goes with the save, so that a change
  // made meanwhile in another window is answered « modifiée entre-temps », never overwritten.
  const base = useRef(cell);
  const typed = useRef(cell.text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // One save at a time per cell: the next one carries the version the previous one returned.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  // The grid's callbacks for async work (a save that ends after a re-render).
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
    latestCommit.current = commit;
  });

  const dirty = () => typed.current.trim() !== base.current.text;
  // A wrong value left in the cell is the teacher's typing, not stored: closing asks as well.
  const holdsWrong = () => dirty() && !parseMarkInput(typed.current, scaleHundredths).ok;
  const reportPending = () =>
    latest.current.onPending(
      timer.current !== null || inFlight.current > 0 || holdsWrong(),
      flushWaiting,
    );
  // The window is going (closed, left, hidden): a mark typed a moment ago is sent now rather
  // than after the pause, which a closed page never reaches.
  const latestCommit = useRef<() => boolean>(() => true);
  const flushWaiting = () => {
    if (timer.current !== null) latestCommit.current();
  };
  const show = (next: string) => {
    typed.current = next;
    setText(next);
  };

  // The grid reloaded (own save, a paste, another window): take the stored value unless the
  // teacher is typing over it — then the save will meet the newer version and say so.
  useEffect(() => {
    if (!dirty() && inFlight.current === 0) {
      base.current = cell;
      show(cell.text);
      latest.current.onLive(cell.value);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new stored version is the trigger
  }, [cell.version, cell.text]);

  // The cell goes (another screen of the window, another period or service): a mark still
  // waiting for the pause is sent rather than dropped with the cell. A wrong value goes with
  // the cell, so it no longer holds the window open: the grid stays, and its close guard would
  // otherwise ask on every close for a value nobody can see or correct any more. A save on
  // its way still counts until it ends (its own report then clears it).
  useEffect(
    () => () => {
      flushWaiting();
      latest.current.onPending(inFlight.current > 0, flushWaiting);
    },
    [],
  );

  function clearTimer() {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }

  async function save() {
    const sent = typed.current;
    if (sent.trim() === base.current.text) return;
    setState({ kind: 'saving' });
    try {
      const result = await latest.current.onSave(sent, base.current.version);
      base.current = result.cell;
      if (result.status === 'saved') {
        // « 12.5 » comes back as « 12,5 », « a » as « Abs », unless the teacher typed on.
        if (typed.current === sent) show(result.cell.text);
        setState({ kind: 'saved' });
      } else {
        show(result.cell.text);
        setState({ kind: 'refused', message: result.message });
      }
    } catch (caught) {
      show(base.current.text);
      setState({ kind: 'refused', message: errorMessage(caught) });
    } finally {
      latest.current.onLive(parseOrStored(typed.current));
    }
  }

  function parseOrStored(value: string): MarkValue | null {
    const parsed = parseMarkInput(value, scaleHundredths);
    return parsed.ok ? parsed.value : base.current.value;
  }

  /** Checks the text now; a valid change is queued for saving. False: the focus must stay. */
  function commit(): boolean {
    clearTimer();
    reportPending();
    const parsed = parseMarkInput(typed.current, scaleHundredths);
    if (!parsed.ok) {
      setState({ kind: 'invalid', message: parsed.message });
      return false;
    }
    if (dirty()) {
      // Counted from now, not from when the queue reaches it: the close guard, run right after
      // a flush, must see the save on its way.
      inFlight.current += 1;
      queue.current = queue.current.then(save).finally(() => {
        inFlight.current -= 1;
        reportPending();
      });
      reportPending();
    } else if (state.kind === 'invalid') {
      setState({ kind: 'idle' });
    }
    return true;
  }

  function change(next: string) {
    show(next);
    clearTimer();
    const parsed = parseMarkInput(next, scaleHundredths);
    props.onLive(parsed.ok ? parsed.value : base.current.value);
    if (parsed.ok && state.kind === 'invalid') setState({ kind: 'idle' });
    // « 12, » on the way to « 12,5 » is not wrong yet: the check waits for a pause.
    if (next.trim() !== base.current.text || state.kind === 'invalid') {
      timer.current = setTimeout(() => {
        timer.current = null;
        commit();
      }, AUTOSAVE_DELAY_MS);
    }
    reportPending();
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (readOnly) return;
    if (event.key === 'Escape' && typed.current !== base.current.text) {
      // Back to the stored value, nothing saved.
      event.preventDefault();
      clearTimer();
      show(base.current.text);
      setState({ kind: 'idle' });
      props.onLive(base.current.value);
      reportPending();
      return;
    }
    if (event.key === 'Tab') {
      // The browser moves to the next cell of the row; a wrong value keeps the focus here.
      if (!commit()) event.preventDefault();
      return;
    }
    const move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (move.columns !== 0 && !leavesSideways(event.currentTarget, event.key)) return;
    event.preventDefault();
    if (commit()) props.onMove(move);
  }

  function paste(event: ClipboardEvent<HTMLInputElement>) {
    if (readOnly) return;
    if (props.onPaste(event.clipboardData.getData('text'))) event.preventDefault();
  }

  const problem = state.kind === 'invalid' || state.kind === 'refused' ? state.message : null;
  /*
   * A wrong value left with the mouse (a click elsewhere) is treated as the keyboard treats it,
   * except for the focus, which goes where the teacher clicked (taking it back would fight the
   * mouse, and a click on the menu must still work): what was typed stays in the red cell for
   * them to correct (Échap puts back the stored mark), nothing is sent so the stored mark is
   * not overwritten (nor replaced by a reload of the grid), the French message stays open
   * beside the cell rather than only while it has the focus, a screen reader is told once, and
   * closing the window asks first. Silently putting back the stored mark would lose the typing
   * without a word; the red border alone said nothing of why.
   */
  const leftWrong = state.kind === 'invalid' && !focused;
  const stateText =
    problem ??
    (state.kind === 'saving' ? 'Enregistrement…' : state.kind === 'saved' ? 'Enregistrée.' : '');
  const modified = cell.modifiedAfterPublicationAt
    ? `Modifiée ${formatInstant(cell.modifiedAfterPublicationAt)}, après publication.`
    : null;

  const described = [stateText, modified ?? ''].join(' ').trim();

  const input = (
    <Tooltip
      label={problem}
      opened={(focused && problem !== null) || leftWrong}
      // Inside the grid's scrolling box, not over the page, and not shifted along it: on a
      // narrow screen a message left open scrolls away with its cell instead of floating over
      // another pupil's marks.
      withinPortal={false}
      middlewares={{ flip: true, shift: !leftWrong }}
      styles={{ tooltip: { textAlign: 'left' } }}
      color="red.9"
      multiline
      w={240}
      position="bottom"
      withArrow
    >
      <TextInput
        id={id}
        aria-label={label}
        // Read after the cell's name (Mantine points aria-describedby at it), not shown: the
        // signs beside the mark and the tooltip show it.
        description={described || undefined}
        size="xs"
        w={76}
        value={text}
        readOnly={readOnly}
        autoComplete="off"
        // Only a wrong value in the cell is invalid: after a refusal the cell holds the stored
        // mark again (theirs, if another window changed it); the « ! » and message say why.
        error={state.kind === 'invalid'}
        onChange={(event) => change(event.currentTarget.value)}
        onFocus={(event) => {
          setFocused(true);
          event.currentTarget.select();
        }}
        onBlur={() => {
          setFocused(false);
          commit();
        }}
        onKeyDown={keyDown}
        onPaste={paste}
        styles={{ input: { textAlign: 'center', paddingInline: 4 }, description: HIDDEN }}
        rightSectionWidth={22}
        rightSectionPointerEvents="auto"
        rightSection={<CellMarks state={state} modified={modified} />}
      />
    </Tooltip>
  );
  return (
    <>
      {input}
      {leftWrong && (
        <VisuallyHidden role="alert">{`${label}\u00a0: ${problem} Rien n’est enregistré.`}</VisuallyHidden>
      )}
    </>
  );
}

/** The small signs in a cell: its save state, and « * » when changed after publication. */
function CellMarks({ state, modified }: { state: SaveState; modified: string | null }) {
  const sign =
    state.kind === 'saving' ? (
      <Loader size={10} aria-hidden />
    ) : state.kind === 'saved' ? (
      <Text span size="xs" c="green.9" aria-hidden title="Enregistrée">
        ✓
      </Text>
    ) : state.kind === 'idle' ? null : (
      <Text span size="xs" fw={700} c="red.9" aria-hidden>
        !
      </Text>
    );
  return (
    <>
      {sign}
      {modified && (
        <Tooltip label={modified}>
          <Text span size="xs" aria-hidden>
            *
          </Text>
        </Tooltip>
      )}
    </>
  );
}
