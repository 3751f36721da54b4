import { each, type ToolFamily } from '../family.js';
import { classifyDocker } from './containers.js';
import { classifyLocalCluster } from './local-clusters.js';

/** Container engines, and the tools that run a Kubernetes cluster in them on this machine. */
export const containers: ToolFamily = {
  id: 'containers',
  tools: () => ({
    ...each(['docker', 'podman', 'docker-compose', 'nerdctl'], classifyDocker),
    ...each(['kind', 'minikube', 'k3d'], classifyLocalCluster),
  }),
};
