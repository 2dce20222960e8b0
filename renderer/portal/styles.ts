import { NOTES_CSS } from './notesStyles';

/**
 * The portal's one stylesheet, served as /portail.css (no inline style: the portal's CSP
 * forbids it) and injected by the staff preview. Everything sits under `.portail`, so the
 * preview leaves the staff window's own styles alone. Contrasts meet RGAA AA (4.5:1).
 */
export const PORTAL_CSS = `
.portail { --ink:#1b1b1f; --muted:#4a4a55; --brand:#283593; --brand-dark:#1a237e; --line:#c5c8d6;
  --soft:#f3f4f9; --danger:#b3261e; --ok:#1b5e20; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); background:#fff; line-height:1.5; font-size:1rem; min-height:100vh; display:flex; flex-direction:column;
  overflow-wrap:anywhere; }
.portail * { box-sizing: border-box; }
.portail a { color: var(--brand); text-underline-offset: 2px; }
.portail a:focus-visible, .portail button:focus-visible, .portail input:focus-visible, .portail select:focus-visible, .portail textarea:focus-visible, .portail summary:focus-visible {
  outline: 3px solid #ff9800; outline-offset: 2px; }
.portail .p-skip { position:absolute; left:-10000px; top:0; }
.portail .p-skip:focus { left: 0.5rem; top: 0.5rem; background:#fff; padding:0.5rem; z-index:10; }
.portail .p-header { background: var(--brand); color:#fff; }
.portail .p-header-inner { max-width: 60rem; margin:0 auto; padding:0.75rem 1rem; display:flex; flex-wrap:wrap; gap:0.5rem 1.5rem; align-items:center; justify-content:space-between; }
.portail .p-brand { color:#fff; font-weight:700; font-size:1.15rem; text-decoration:none; }
.portail .p-nav { display:flex; flex-wrap:wrap; gap:0.25rem 1rem; align-items:center; margin:0; padding:0; list-style:none; }
.portail .p-nav a, .portail .p-nav button { color:#fff; background:none; border:0; font:inherit; padding:0.25rem 0; cursor:pointer; text-decoration:underline; }
.portail .p-main { flex:1; width:100%; max-width: 60rem; margin:0 auto; padding:1.25rem 1rem 2rem; }
.portail h1 { font-size:1.6rem; margin:0 0 1rem; line-height:1.25; }
.portail h2 { font-size:1.2rem; margin:1.5rem 0 0.5rem; }
.portail .p-card { border:1px solid var(--line); border-radius:8px; padding:1rem; margin:0 0 1rem; background:#fff; }
.portail .p-card h2 { margin-top:0; }
.portail .p-grid { display:grid; gap:1rem; grid-template-columns: 1fr; }
@media (min-width: 48rem) { .portail .p-grid { grid-template-columns: 1fr 1fr; } }
.portail .p-field { margin:0 0 1rem; }
.portail label, .portail legend { display:block; font-weight:600; margin:0 0 0.25rem; }
.portail .p-hint { color: var(--muted); font-size:0.9rem; margin:0 0 0.35rem; }
.portail input[type=text], .portail input[type=password], .portail input[type=email], .portail textarea {
  width:100%; max-width:28rem; font:inherit; padding:0.6rem 0.7rem; border:2px solid #6b6f80; border-radius:6px; background:#fff; color:var(--ink); }
.portail input[aria-invalid=true], .portail textarea[aria-invalid=true] { border-color: var(--danger); }
.portail .p-error { color: var(--danger); font-weight:600; margin:0.25rem 0 0; }
.portail .p-summary { border:2px solid var(--danger); border-radius:8px; padding:0.75rem 1rem; margin:0 0 1.25rem; }
.portail .p-summary h2 { margin:0 0 0.5rem; font-size:1.1rem; color: var(--danger); }
.portail .p-notice { border-left:6px solid var(--brand); background: var(--soft); padding:0.75rem 1rem; margin:0 0 1.25rem; }
.portail .p-success { border-left-color: var(--ok); }
.portail .p-actions { display:flex; flex-wrap:wrap; gap:0.75rem; align-items:center; margin-top:1.25rem; }
.portail .p-button { display:inline-block; font:inherit; font-weight:600; padding:0.65rem 1.25rem; border-radius:6px; border:2px solid var(--brand); background: var(--brand); color:#fff; cursor:pointer; text-decoration:none; min-height:44px; }
.portail .p-button:hover { background: var(--brand-dark); }
.portail .p-button-secondary { background:#fff; color: var(--brand); }
.portail .p-button-secondary:hover { background: var(--soft); }
.portail .p-link-button { background:none; border:0; padding:0; font:inherit; color: var(--brand); text-decoration:underline; cursor:pointer; }
.portail .p-links { list-style:none; padding:0; margin:1rem 0 0; }
.portail .p-links li { margin:0.35rem 0; }
.portail .p-child { display:flex; flex-wrap:wrap; gap:0.25rem 1rem; align-items:baseline; }
.portail .p-child strong { font-size:1.2rem; }
.portail .p-switcher { display:flex; flex-wrap:wrap; gap:0.5rem; list-style:none; padding:0; margin:0 0 1rem; }
.portail .p-switcher a, .portail .p-switcher span { display:inline-block; padding:0.45rem 0.9rem; border:2px solid var(--brand); border-radius:999px; text-decoration:none; min-height:44px; line-height:1.6; }
.portail .p-switcher [aria-current=page] { background: var(--brand); color:#fff; }
.portail .p-services { list-style:none; padding:0; margin:0; display:grid; gap:0.5rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
.portail .p-services li { border:1px solid var(--line); border-radius:8px; padding:0.75rem; background: var(--soft); }
.portail .p-soon { display:block; color: var(--muted); font-size:0.9rem; }
.portail .p-footer { border-top:1px solid var(--line); background: var(--soft); }
.portail .p-footer ul { max-width:60rem; margin:0 auto; padding:0.75rem 1rem; list-style:none; display:flex; flex-wrap:wrap; gap:0.25rem 1.25rem; }
.portail .p-muted { color: var(--muted); }
.portail .p-school-name { font-weight:700; font-size:1.1rem; }
.portail .p-reference { font-size:1.4rem; font-weight:700; letter-spacing:0.05em; }
.portail dl.p-data { display:grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap:0.25rem 1rem; margin:0; }
.portail dl.p-data dt { font-weight:600; }
.portail dl.p-data dd { margin:0; overflow-wrap:anywhere; }
@media (max-width: 30rem) { .portail dl.p-data { grid-template-columns: 1fr; gap:0 } .portail dl.p-data dd { margin-bottom:0.5rem; } }
.portail .p-preview-banner { background:#fff3cd; color:#3d2e00; border:2px solid #8a6d00; padding:0.5rem 1rem; font-weight:600; }
.portail.portail-embedded { min-height:0; border:2px solid var(--line); border-radius:8px; overflow:hidden; }
.portail.portail-embedded .p-main { max-width:none; }
.portail table { border-collapse: collapse; width:100%; }
.portail th, .portail td { text-align:left; padding:0.35rem 0.5rem; border-bottom:1px solid var(--line); vertical-align:top; }
.portail .p-tile { display:block; margin-top:0.25rem; font-weight:600; }
.portail select { font:inherit; padding:0.5rem 0.6rem; border:2px solid #6b6f80; border-radius:6px; background:#fff; color:var(--ink); min-height:44px; max-width:100%; }
.portail .p-inline-form { display:flex; flex-wrap:wrap; gap:0.5rem 0.75rem; align-items:end; margin:0 0 1rem; }
.portail .p-inline-form .p-field { margin:0; }
.portail td.p-number, .portail th.p-number { text-align:right; }
.portail .p-events { list-style:none; padding:0; margin:0; display:grid; gap:0.75rem; grid-template-columns: minmax(0, 1fr); }
.portail .p-events select, .portail .p-events textarea { width:100%; max-width:28rem; }
.portail .p-weeks td, .portail .p-weeks th { white-space:nowrap; }
.portail input[type=tel], .portail input[type=date] { width:100%; max-width:28rem; font:inherit; padding:0.6rem 0.7rem; border:2px solid #6b6f80; border-radius:6px; background:#fff; color:var(--ink); }
.portail select[aria-invalid=true], .portail input[aria-invalid=true] { border-color: var(--danger); }
.portail .p-data-row { display:contents; }
.portail .i-pending { display:block; font-weight:600; color: var(--brand-dark); }
.portail .i-reason { display:block; margin:0.25rem 0 0; }
.portail .i-section { font-size:1.05rem; margin:1.25rem 0 0.5rem; }
@media (min-width: 30.01rem) { .portail .i-values dl.p-data, .portail .i-locked dl.p-data { grid-template-columns: minmax(8rem, 15rem) 1fr; } }
.portail .i-fieldset { border:0; border-top:1px solid var(--line); padding:0.75rem 0 0; margin:1rem 0 0; min-width:0; }
.portail .i-fieldset legend { font-size:1.05rem; font-weight:700; padding:0 0.5rem 0 0; margin:0 0 0.5rem; }
/* A choice (Sexe, Civilité, Pays…) as wide as the text fields beside it, not its longest option: « Masculin » alone made a box too narrow to read and to touch on a phone. */
.portail .i-fieldset select { width:100%; max-width:28rem; }
.portail .p-weeks th.p-number { white-space:normal; overflow-wrap:normal; }
@media (max-width: 30rem) { .portail .p-weeks { font-size:0.92rem; } .portail .p-weeks .p-year { display:none; } .portail .p-weeks th, .portail .p-weeks td { padding-left:0.3rem; padding-right:0.3rem; } }
.portail .p-events > li { border:1px solid var(--line); border-radius:8px; padding:0.75rem; background:#fff; }
.portail .p-event-kind { font-weight:700; }
.portail .p-status { display:inline-block; font-weight:600; }
.portail .p-status-accepted { color: var(--ok); }
.portail .p-status-refused { color: var(--danger); }
.portail details > summary { cursor:pointer; color: var(--brand); text-decoration:underline; min-height:44px; padding:0.5rem 0; }
${NOTES_CSS}
`;
