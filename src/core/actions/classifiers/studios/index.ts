import type { ToolFamily } from '../family.js';
import { classifyButler, classifyP4, classifyP4d, classifyScancel } from './studios.js';

/** Game studios and research clusters: Perforce, itch.io's butler, Slurm's scancel. */
export const studios: ToolFamily = {
  id: 'studios',
  tools: () => ({
    p4: classifyP4,
    p4d: classifyP4d,
    butler: classifyButler,
    scancel: classifyScancel,
  }),
};
