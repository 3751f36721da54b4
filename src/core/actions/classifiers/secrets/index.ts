import type { ToolFamily } from '../family.js';
import { classifySops } from './sops.js';

/** Secrets kept in files of the repository (sops): losing what the encryption protects. */
export const secrets: ToolFamily = {
  id: 'secrets',
  tools: () => ({ sops: classifySops }),
};
