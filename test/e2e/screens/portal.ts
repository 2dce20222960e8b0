import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Pupitre } from '../../../main/bootstrap';
import type { StaffActor } from '../../../main/services/context';
import type { LetterJob } from '../../../shared/api/staff/letters';
import { credentialsOf, pdfPages } from '../../helpers/pdfText';
import { accessibilityViolations } from '../axe';

/** Where the portal's screenshots go (looked at by a person, not compared). */
export const SCREENS_DIR =
  process.env.PUPITRE_SCREENS_DIR ?? join(tmpdir(), 'pupitre-portail-ecrans');

/**
 * A portal page as a family sees it: no axe violation, and screenshots to look at, on a
 * phone (the page's own size) and on a computer (1280 px wide).
 */
export async function checkPage(page: Page, name: string) {
  expect(await accessibilityViolations(page), name).toEqual([]);
  // Nothing wider than the phone: a long address or name wraps instead of overflowing.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name}: wider than the screen`).toBeLessThanOrEqual(0);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
  const phone = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await accessibilityViolations(page), `${name} (1280 px)`).toEqual([]);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}-1280.png`), fullPage: true });
  if (phone) await page.setViewportSize(phone);
}

/** A letter printed for one account by the school's services: its identifiant and password. */
export async function printLetter(pupitre: Pupitre, actor: StaffActor, accountId: number) {
  let job: LetterJob = await pupitre.services.letters.start(actor, {
    scope: { kind: 'accounts', accountIds: [accountId] },
    kinds: ['guardian', 'student'],
    order: 'division',
    reset: false,
  });
  for (let i = 0; i < 400 && job.state === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    job = pupitre.services.letters.job(actor, job.jobId);
  }
  expect(job.state, job.message).toBe('done');
  const { stream } = await pupitre.services.letters.batchFile(actor, job.batchId!);
  const [text] = await pdfPages(
    new Uint8Array(Buffer.concat((await stream.toArray()) as Buffer[])),
  );
  return credentialsOf(text!) as { login: string; password: string };
}

/** The newest e-mail to `to` whose subject contains `subject`, as written by the folder transport. */
export async function waitForMail(dataDir: string, to: string, subject: string, after = 0) {
  const folder = join(dataDir, 'courriels');
  for (let i = 0; i < 200; i++) {
    const names = (() => {
      try {
        return readdirSync(folder).sort().reverse();
      } catch {
        return [];
      }
    })();
    for (const name of names) {
      const id = Number(/-(\d{6})/.exec(name)?.[1] ?? 0);
      if (id <= after) continue;
      const mail = await simpleParser(readFileSync(join(folder, name)));
      if (mail.subject?.includes(subject) && JSON.stringify(mail.to).includes(to)) {
        return {
          id,
          text: mail.text ?? '',
          link: /(https?:\/\/\S+jeton=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '',
        };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no e-mail to ${to} about « ${subject} »`);
}

export const typedDate = (iso: string) =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
