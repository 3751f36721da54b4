import type { ToolFamily } from '../family.js';
import { jenkinsCli } from './jenkins.js';

/** CI/CD servers' own CLIs: what they run on the server (the Jenkins CLI's Groovy scripts). */
export const ci: ToolFamily = {
  id: 'ci',
  tools: (deps) => ({
    java: jenkinsCli(deps.readRunFile),
    'jenkins-cli': jenkinsCli(deps.readRunFile),
  }),
  // java runs everything else too, and the Jenkins CLI's other verbs (`delete-job`) are read generically
  partial: ['java', 'jenkins-cli'],
};
