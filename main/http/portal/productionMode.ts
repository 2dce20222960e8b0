/**
 * Imported first by the processes that serve families (`npm run portal`, `npm run web`): React
 * picks its build when it is first loaded, and without NODE_ENV it picks the development one,
 * which checks and records every element it makes — about three times the page's rendering
 * (bench/portalProfile.ts). A NODE_ENV already set (tests, a developer's) is kept.
 */
process.env.NODE_ENV ??= 'production';
