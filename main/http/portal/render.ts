import { createHash } from 'node:crypto';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PORTAL_CSS } from '../../../renderer/portal/styles';
import { frenchSpacing } from '../../../shared/domain/frenchTypography';

/** The stylesheet as served, with a body reset the staff preview must not get. */
export const SERVED_CSS = `body{margin:0}${PORTAL_CSS}`;
export const CSS_VERSION = createHash('sha256').update(SERVED_CSS).digest('hex').slice(0, 12);

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The characters frenchSpacing may space: a text without any is left as it is, untouched. */
const SPACED = /[:;?!«»]/;

/** French typography (shared/domain/frenchTypography) in the text of a page, never inside tags or attributes. */
export function frenchSpacingHtml(html: string): string {
  // Most of a page's texts hold none of them: skipping those saves four regexes each.
  return html.replace(/>([^<]+)</g, (whole, text: string) =>
    SPACED.test(text) ? `>${frenchSpacing(text)}<` : whole,
  );
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
  const body = frenchSpacingHtml(renderToStaticMarkup(createElement(page, props)));
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escape(title)} — Services en ligne</title><link rel="stylesheet" href="/portail.css?v=${CSS_VERSION}"></head><body>${body}</body></html>`;
}
