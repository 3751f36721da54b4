import type { ToolFamily } from '../family.js';
import { classifyRclone, mcClassifier } from './object-storage.js';

/** Object storage and sync tools beyond the cloud CLIs (`aws s3`, `gsutil` are in cloud/). */
export const objectStorage: ToolFamily = {
  id: 'object-storage',
  tools: (deps) => ({ rclone: classifyRclone, mc: mcClassifier(deps), mcli: mcClassifier(deps) }),
};
