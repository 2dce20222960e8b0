/** The one IPC channel of the desktop app: the preload invokes it, main/app handles it. */
export const INVOKE_CHANNEL = 'pupitre:invoke';
