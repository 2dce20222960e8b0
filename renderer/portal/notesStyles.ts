/**
 * The notes page's part of the portal's stylesheet (styles.ts includes it). Seed 003 §3.5:
 * orange tiles for subjects with marks new since the last login, violet for the others; the
 * words « 2 nouvelles » say it too. On a phone, each mark of a table is a small card whose
 * cells are labelled by their column (no sideways scrolling of a seven-column table).
 */
export const NOTES_CSS = `
.portail .p-services .p-service-new { border-left:8px solid #e65100; background:#fff3e0; }
.portail .p-cue { display:block; font-size:0.95rem; }
.portail .p-service-new .p-cue { font-weight:700; color:#a63c00; }
.portail .n-who { font-weight:600; margin:0 0 0.75rem; }
.portail .n-period { margin-top:0.5rem; }
.portail .n-news { border-left:6px solid #e65100; background:#fff3e0; padding:0.5rem 0.75rem; font-weight:600; }
.portail .n-general h2 { margin:0 0 0.5rem; }
.portail .n-tiles { list-style:none; padding:0; margin:0 0 1.5rem; display:grid; gap:0.5rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
.portail .n-tile { border:1px solid var(--line); border-left:8px solid #6a1b9a; border-radius:8px; padding:0.6rem 0.75rem; background:#f6effa; display:flex; flex-direction:column; gap:0.15rem; }
.portail .n-tile-new { border-left-color:#e65100; background:#fff3e0; }
.portail .n-period-new a { border-color:#a63c00; color:#a63c00; font-weight:700; background:#fff3e0; }
.portail .n-tile a { font-weight:700; display:flex; flex-wrap:wrap; gap:0.25rem 0.5rem; align-items:baseline; min-height:44px; align-content:center; }
.portail .n-tile-teachers { color: var(--muted); font-size:0.9rem; }
.portail .n-badge { background:#a63c00; color:#fff; border-radius:999px; padding:0 0.55rem; font-size:0.85rem; font-weight:700; }
.portail .n-subject { border-left:8px solid #6a1b9a; }
.portail .n-subject-new { border-left-color:#e65100; }
.portail .n-table th { font-size:0.9rem; white-space:nowrap; }
.portail .n-table td { overflow-wrap:normal; }
.portail .n-table td:not([data-label=Devoir]) { white-space:nowrap; }
.portail .n-row-new { background:#fff3e0; }
.portail .n-tag { display:inline-block; margin-left:0.4rem; padding:0 0.4rem; border:1px solid var(--muted); border-radius:4px; font-size:0.8rem; color: var(--muted); }
.portail .n-tag-new { border-color:#a63c00; color:#a63c00; font-weight:700; }
.portail .n-modified { display:block; font-size:0.8rem; color: var(--danger); }
.portail .n-average { margin:0.75rem 0 0.25rem; }
.portail .n-explain { margin:0.25rem 0 0; }
.portail .n-explain summary { cursor:pointer; color: var(--brand); text-decoration:underline; min-height:44px; display:flex; align-items:center; }
.portail .n-explain p { margin:0.35rem 0; font-size:0.95rem; }
.portail .n-sr { position:absolute; left:-10000px; width:1px; height:1px; overflow:hidden; }
.portail abbr[title] { text-decoration:none; }
@media (max-width: 40rem) {
  .portail .n-table thead { position:absolute; left:-10000px; }
  .portail .n-table, .portail .n-table tbody, .portail .n-table tr, .portail .n-table td { display:block; width:100%; }
  .portail .n-table tr { border-bottom:1px solid var(--line); padding:0.4rem 0; display:grid; grid-template-columns:repeat(3, 1fr); column-gap:1rem; }
  .portail .n-table td[data-label=Date], .portail .n-table td[data-label=Devoir], .portail .n-table td[data-label=Note], .portail .n-table td[data-label="Moyenne de la classe"] { grid-column:1 / -1; }
  .portail .n-table td, .portail .n-table td:not([data-label=Devoir]) { border:0; padding:0.1rem 0; display:flex; justify-content:space-between; gap:1rem; text-align:right; white-space:normal; overflow-wrap:anywhere; }
  .portail .n-table td::before { content: attr(data-label); font-weight:600; text-align:left; }
  .portail .n-table td[data-label=Min], .portail .n-table td[data-label=Max], .portail .n-table td[data-label="Coeff."] { justify-content:flex-start; gap:0.4rem; white-space:nowrap; overflow-wrap:normal; }
  .portail .n-table td[data-label=Note] { flex-wrap:wrap; }
}
`;
