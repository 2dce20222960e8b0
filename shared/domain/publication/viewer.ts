/**
 * Who is looking. « staffPreview » is the staff's « aperçu du portail »: it sees exactly what
 * a parent sees on that day, never more, so that what the preview shows is what the family
 * gets; hidden items carry the day they will appear, for the preview to say so. A preview of
 * a pupil's own account passes 'student', since that is who it shows.
 */
export type Viewer = 'parent' | 'student' | 'staffPreview';
export const VIEWERS: readonly Viewer[] = ['parent', 'student', 'staffPreview'];
