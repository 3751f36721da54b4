import { each, type ToolFamily } from '../family.js';
import { deferredClassifier } from './schedulers.js';

/** Commands that run other commands later (`at`, `batch`); `parallel` is unwrapped in index.ts. */
export const schedulers: ToolFamily = {
  id: 'schedulers',
  tools: (deps) => each(['at', 'batch'], deferredClassifier(deps.parser !== undefined)),
};
