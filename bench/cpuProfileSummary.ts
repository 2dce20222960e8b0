// A --cpu-prof profile of the portal summed by what each sample was doing, per request
// (bench/portalProfile.ts). Only the load's window counts: from the first home page read to
// the last (start-up, the logins before and the shutdown after are left out).

/** What a sample was doing: the first of these found in its stack, looked for in this order. */
const GROUPS: [string, (url: string, fn: string) => boolean][] = [
  // First: the write happens inside whichever hook sends last (@fastify/cookie's onSend).
  ['socket write (the answer)', (u) => u === 'node:internal/stream_base_commons'],
  ['session read', (u, f) => u.includes('portalSessions') && f === 'resolve'],
  // The services' tiles, before the home read model that calls them (their reads resume
  // after an await, where the stack no longer shows the home read model anyway).
  [
    'home tile: new marks (notes)',
    (u, f) =>
      (u.includes('readModels/notes') && f === 'countNewMarks') ||
      (u.includes('bareHome') && f === 'newMarks'),
  ],
  [
    'home tile: vie scolaire',
    (u, f) =>
      (u.includes('readModels/schoolLife') && f === 'readSchoolLifeTile') ||
      (u.includes('bareHome') && f === 'absenceTile'),
  ],
  [
    'home read model',
    (u, f) =>
      (u.includes('familyView') && f === 'familyView') ||
      (u.includes('readModels/home') && f === 'readFamilyHome'),
  ],
  ['page rendering: React', (u) => u.includes('/node_modules/react')],
  ['page rendering: French spacing', (_u, f) => f === 'frenchSpacingHtml'],
  ['page rendering: the rest', (u, f) => u.includes('http/portal/render') && f === 'renderPage'],
  ['CSRF token (@fastify/csrf*)', (u) => u.includes('@fastify/csrf')],
  ['cookies (@fastify/cookie)', (u) => u.includes('@fastify/cookie')],
  ['headers hook', (u) => u.includes('portalHeaders')],
  ['host check', (u) => u.includes('hostCheck')],
  ['dispatcher and zod', (u) => u.includes('main/api/dispatcher') || u.includes('/zod/')],
];

/** What is left, by the innermost frame that is not Node's own. */
const OWNERS: [string, (url: string) => boolean][] = [
  ['Fastify itself', (u) => /node_modules\/(fastify|find-my-way|avvio|@fastify|fast-)/.test(u)],
  ['our code (main/renderer/bench)', (u) => /\/(main|renderer|shared|bench)\//.test(u)],
];

/** `…/node_modules/@scope/name/…` → `@scope/name`. */
const packageOf = (url: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? null;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarize(profile: Profile, requests: number): string[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stackOf = (id: number) => {
    const frames: ProfileNode['callFrame'][] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      frames.push(byId.get(n)!.callFrame);
    }
    return frames;
  };
  // The portal's `view` in familyRoutes, or the baseline's `page` (bench/bareHome.ts).
  const isHome = (id: number) =>
    stackOf(id).some(
      (f) =>
        (f.url.includes('familyRoutes') && f.functionName === 'view') ||
        (f.url.includes('bareHome') && f.functionName === 'page'),
    );
  const first = profile.samples.findIndex(isHome);
  const last = profile.samples.findLastIndex(isHome);
  const totals = new Map<string, number>();
  const add = (name: string, us: number) => totals.set(name, (totals.get(name) ?? 0) + us);
  let busy = 0;
  let window = 0;
  profile.samples.forEach((id, i) => {
    if (i <= first || i > last) return;
    const us = profile.timeDeltas[i] ?? 0;
    window += us;
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === '(idle)') return;
    busy += us;
    if (leaf === '(garbage collector)') return add('garbage collector', us);
    const frames = stackOf(id);
    const group = GROUPS.find(([, match]) => frames.some((f) => match(f.url, f.functionName)))?.[0];
    if (group) return add(group, us);
    const own = frames.find((f) => f.url.startsWith('file:') || f.url.startsWith('/'));
    const owner = own ? OWNERS.find(([, match]) => match(own.url))?.[0] : undefined;
    const pkg = own && !owner ? packageOf(own.url) : null;
    add(owner ?? (pkg ? `package ${pkg}` : 'Node (HTTP, sockets, timers)'), us);
  });
  const names = [
    ...GROUPS.map(([name]) => name),
    ...OWNERS.map(([name]) => name),
    ...[...totals.keys()].filter((k) => k.startsWith('package ')).sort(),
    'Node (HTTP, sockets, timers)',
    'garbage collector',
  ];
  const per = (us: number) => `${(us / requests).toFixed(0).padStart(5)} µs`;
  const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  return [
    `CPU busy: ${per(busy)} a request (${requests} requests; busy ${(busy / 1e6).toFixed(2)} s of ${(window / 1e6).toFixed(2)} s)`,
    ...names.map((name) => {
      const us = totals.get(name) ?? 0;
      return `  ${name.padEnd(32)} ${per(us)} ${share(us)}`;
    }),
  ];
}
