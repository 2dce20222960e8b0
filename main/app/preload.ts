import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL } from '../../shared/api/ipc';

// Exactly one function crosses into the page: no ipcRenderer, no Node.
contextBridge.exposeInMainWorld('pupitre', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
});
