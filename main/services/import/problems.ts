import type { ImportProblem } from '../../../shared/api/staff';

/** Problems found while planning an import, in the order found. */
export class ProblemList {
  readonly items: ImportProblem[] = [];

  block(message: string, fileName: string | null = null, line: number | null = null) {
    this.items.push({ blocking: true, fileName, line, message });
  }

  warn(message: string, fileName: string | null = null, line: number | null = null) {
    this.items.push({ blocking: false, fileName, line, message });
  }

  get hasBlocking(): boolean {
    return this.items.some((p) => p.blocking);
  }
}
