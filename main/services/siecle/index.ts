/** Reading SIECLE/BEE exports (.xml or .zip) into plain records, before any comparison. */
export { DEFAULT_LIMITS, readSiecleExport, readSiecleXmlStream } from './readExport';
export type { ReadLimits } from './readExport';
export * from './types';
