import { each, type ToolFamily } from '../family.js';
import { classifyArgocd, classifyHelm, classifyKubectl } from './kubernetes.js';

/** Kubernetes clusters and what deploys into them. */
export const kubernetes: ToolFamily = {
  id: 'kubernetes',
  tools: () => ({
    ...each(['kubectl', 'oc', 'microk8s.kubectl', 'k3s'], classifyKubectl),
    helm: classifyHelm,
    argocd: classifyArgocd,
  }),
  // argocd's other deletes (`proj delete`, `repo rm`, `appset delete`) are read by the generic reading
  partial: ['argocd'],
};
