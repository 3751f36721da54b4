import { each, type ToolFamily } from '../family.js';
import { classifyDeferred } from './schedulers.js';

/** Commands that run other commands later (`at`, `batch`); `parallel` is unwrapped in index.ts. */
export const schedulers: ToolFamily = {
  id: 'schedulers',
  tools: () => each(['at', 'batch'], classifyDeferred),
};
