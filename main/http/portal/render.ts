import { createHash } from 'node:crypto';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PORTAL_CSS } from '../../../renderer/portal/styles';

/** The stylesheet as served, with a body reset the staff preview must not get. */
export const SERVED_CSS = `body{margin:0}${PORTAL_CSS}`;
export const CSS_VERSION = createHash('sha256').update(SERVED_CSS).digest('hex').slice(0, 12);

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * French typography in the text of a page (never inside tags or attributes): a no-break
 * space before « : » and a narrow one before « ; ? ! » and inside « », so that a line never
 * starts with the punctuation of the line before.
 */
export function frenchSpacing(html: string): string {
  return html.replace(/>([^<]+)</g, (_m, text: string) => {
    const spaced = text
      .replace(/ :/g, '\u00a0:')
      .replace(/ ([;?!])/g, '\u202f$1')
      .replace(/« /g, '«\u202f')
      .replace(/ »/g, '\u202f»');
    return `>${spaced}<`;
  });
}

/**
 * A whole HTML page from one of renderer/portal's page components: static markup, no
 * script (every page works without JavaScript), the stylesheet from this server.
 */
export function renderPage<P extends object>(
  title: string,
  page: FunctionComponent<P>,
  props: P,
): string {
  const body = frenchSpacing(renderToStaticMarkup(createElement(page, props)));
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escape(title)} — Services en ligne</title><link rel="stylesheet" href="/portail.css?v=${CSS_VERSION}"></head><body>${body}</body></html>`;
}
