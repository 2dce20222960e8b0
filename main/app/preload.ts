import { contextBridge, ipcRenderer } from 'electron';

// Exactly one function crosses into the page: no ipcRenderer, no Node.
contextBridge.exposeInMainWorld('pupitre', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke('pupitre:invoke', name, input),
});
