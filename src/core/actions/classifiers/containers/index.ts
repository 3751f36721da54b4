import { each, type ToolFamily } from '../family.js';
import { classifyDocker } from './containers.js';

/** Container engines. */
export const containers: ToolFamily = {
  id: 'containers',
  tools: () => each(['docker', 'podman', 'docker-compose', 'nerdctl'], classifyDocker),
};
