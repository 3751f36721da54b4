import { each, type ToolFamily } from '../family.js';
import { classifyDvc, classifyHuggingFace, classifyMlflow, rayClassifier } from './ml-platforms.js';

/**
 * ML platforms' CLIs: data versioning's remote garbage collection (`dvc gc --cloud`), the tracking server's
 * permanent deletes (`mlflow gc`), cluster teardown (`ray down`), and the Hub's CLI. Their SDK calls in code are
 * read by look-inside (code-files.ts); the clouds' ML services (`aws sagemaker delete-*`, `gcloud ai … delete`) by
 * the cloud family and the generic reading.
 */
export const mlPlatforms: ToolFamily = {
  id: 'ml-platforms',
  tools: (deps) => ({
    dvc: classifyDvc,
    mlflow: classifyMlflow,
    ray: rayClassifier(deps.readRunFile),
    ...each(['huggingface-cli', 'hf'], classifyHuggingFace),
  }),
};
